import { useStatus } from '../api/queries';
import type { PairStatus, SystemStatus } from '../api/types';
import { usePairParam } from '../router';

/**
 * Every traded pair, in TRADING_SYMBOLS order. A server that lists no `pairs` trades one symbol:
 * it is described from the account's own fields, so the panel works the same with one pair.
 */
export function pairsOf(status: SystemStatus | undefined): readonly PairStatus[] {
  if (!status) return [];
  if (status.pairs && status.pairs.length > 0) return status.pairs;
  return [{ symbol: status.symbol, strategy: status.strategy, state: status.state, paused: false, dataReady: status.dataReady }];
}

export interface PairSelection {
  readonly pairs: readonly PairStatus[];
  /** The pair the pages show: the URL's when it is traded, else the first pair; undefined until the status loads. */
  readonly selected: PairStatus | undefined;
  /** A pair the URL asked for that is not traded (the pages then show the first pair), or null. */
  readonly unknown: string | null;
}

/** The pair selected in the URL (`?pair=`), checked against the pairs the server trades. */
export function useSelectedPair(): PairSelection {
  const pairs = pairsOf(useStatus().data);
  const asked = usePairParam();
  const match = asked === null ? undefined : pairs.find((p) => p.symbol === asked);
  return {
    pairs,
    selected: match ?? pairs[0],
    unknown: asked !== null && pairs.length > 0 && !match ? asked : null,
  };
}
