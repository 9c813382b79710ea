import type { TradingState } from '../api/types';

/** Short text for a pair's state: a pair paused on its own says so, the account's states read as in the banner. */
export function pairStateLabel(state: TradingState, paused: boolean): string {
  if (state === 'PAUSED' && paused) return 'PAUSED (pair)';
  return state.replace('_', ' ');
}

/** A pair's state as a coloured badge: green running, amber paused, red emergency stop. */
export function PairStateBadge({ state, paused }: { state: TradingState; paused: boolean }) {
  return (
    <span className={`badge pair-state pair-state-${state.toLowerCase()}`} data-testid="pair-state" data-state={state}>
      {pairStateLabel(state, paused)}
    </span>
  );
}
