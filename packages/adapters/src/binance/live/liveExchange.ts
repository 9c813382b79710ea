import { type BinanceExchange, createBinanceExchange } from '../binanceExchange.js';
import { RequestGovernor } from '../requestGovernor.js';

/** The exchange clock as the live side needs it: corrected now, and a resync after -1021. */
export interface SyncedClock {
  now(): number;
  resync(): Promise<unknown>;
}

export interface LiveExchangeOptions {
  readonly baseUrl: string;
  readonly testnet: boolean;
  readonly apiKey: string;
  readonly secret: string;
  readonly recvWindowMs: number;
  readonly timeoutMs?: number;
  readonly clock: SyncedClock;
  /** A 418 ban or similar: the operator must know at once. */
  readonly onBanned?: (retryAfterMs: number | null) => void;
  readonly onWait?: (reason: string, ms: number) => void;
  /** Tests shorten the read retries' backoff. */
  readonly baseDelayMs?: number;
}

export interface LiveExchange {
  readonly exchange: BinanceExchange;
  readonly governor: RequestGovernor;
}

/**
 * A signed ccxt binance client for the live broker. Signed timestamps come from the exchange clock
 * (so a skewed machine clock does not cause -1021), recvWindow is set, and every response's weight
 * and Retry-After feed the governor. Orders carry our client order id verbatim: ccxt only adds its
 * broker prefix when no id is given, and `options.broker` names ours for that case.
 */
export function createLiveExchange(o: LiveExchangeOptions): LiveExchange {
  const governor = new RequestGovernor({
    onTimestampRejected: async () => {
      await o.clock.resync();
    },
    onWait: o.onWait,
    ...(o.baseDelayMs !== undefined ? { baseDelayMs: o.baseDelayMs } : {}),
  });
  const exchange = createBinanceExchange({
    baseUrl: o.baseUrl,
    testnet: o.testnet,
    apiKey: o.apiKey,
    secret: o.secret,
    recvWindowMs: o.recvWindowMs,
    timeoutMs: o.timeoutMs ?? 10_000,
    onResponse: (status, headers) => {
      governor.observe(status, headers);
      if (status === 418) {
        const seconds = Number(headers['Retry-After'] ?? headers['retry-after']);
        o.onBanned?.(Number.isFinite(seconds) ? seconds * 1000 : null);
      }
    },
  });
  exchange.options.broker = { spot: 'wd-', margin: 'wd-' };
  exchange.nonce = () => o.clock.now();
  return { exchange, governor };
}
