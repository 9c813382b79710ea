import type { AppConfig } from '@warden/core/config/parseConfig';
import { CandleCache } from '@warden/core/data/candleCache';
import type { CandleRepository } from '@warden/core/ports/store';
import { BinanceCandleSource } from './binanceCandleSource.js';
import { type BinanceExchange, createBinanceExchange } from './binanceExchange.js';
import { ExchangeClock, type ExchangeClockOptions } from './exchangeClock.js';
import { type GovernorOptions, RequestGovernor } from './requestGovernor.js';

/** The part of pino's logger this uses, so tests and tools can pass any compatible logger. */
export interface MarketDataLogger {
  debug?(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export type BinanceMarketDataConfig = Pick<
  AppConfig,
  'BINANCE_BASE_URL' | 'BINANCE_TESTNET' | 'BINANCE_TIME_SYNC_SECONDS' | 'BINANCE_RECV_WINDOW_MS'
>;

export interface BinanceMarketData {
  readonly exchange: BinanceExchange;
  readonly governor: RequestGovernor;
  readonly source: BinanceCandleSource;
  readonly clock: ExchangeClock;
  readonly cache: CandleCache;
  /** Measures the exchange's clock offset and starts periodic resyncs. */
  start(): Promise<void>;
  stop(): void;
}

export interface BinanceMarketDataOptions {
  readonly candles: CandleRepository;
  readonly logger?: MarketDataLogger;
  readonly timeoutMs?: number;
  readonly governor?: Omit<GovernorOptions, 'onTimestampRejected' | 'onWait'>;
  /** Readings per clock sync and the longest round trip trusted (defaults in ExchangeClock). */
  readonly clock?: Pick<ExchangeClockOptions, 'samplesPerSync' | 'maxRoundTripMs'>;
}

/** Wires ccxt, the request governor, the exchange clock and the candle cache for one process. */
export function createBinanceMarketData(config: BinanceMarketDataConfig, options: BinanceMarketDataOptions): BinanceMarketData {
  const log = options.logger;
  let clock: ExchangeClock | undefined;
  let lastLoggedOffset = Number.NaN;
  const governor = new RequestGovernor({
    ...options.governor,
    onTimestampRejected: async () => {
      await clock?.resync();
    },
    // Retry backoff is routine (the failure itself is reported once); rate limits and bans are not.
    onWait: (reason, ms) =>
      reason === 'backoff'
        ? log?.debug?.({ reason, ms }, 'waiting before the next Binance request')
        : log?.warn({ reason, ms }, 'waiting before the next Binance request'),
  });
  const exchange = createBinanceExchange({
    baseUrl: config.BINANCE_BASE_URL,
    testnet: config.BINANCE_TESTNET,
    recvWindowMs: config.BINANCE_RECV_WINDOW_MS,
    timeoutMs: options.timeoutMs,
    onResponse: (status, headers) => governor.observe(status, headers),
  });
  const source = new BinanceCandleSource(exchange, governor);
  clock = new ExchangeClock((localNow) => source.sampleServerTime(localNow), {
    resyncEveryMs: config.BINANCE_TIME_SYNC_SECONDS * 1000,
    ...options.clock,
    // Resynced before every cycle: only worth an info line when the offset moved noticeably.
    onSynced: (offsetMs, roundTripMs) => {
      const moved = !(Math.abs(offsetMs - lastLoggedOffset) <= 1000); // NaN (never logged) counts as moved
      if (moved) lastLoggedOffset = offsetMs;
      (moved ? log?.info.bind(log) : log?.debug?.bind(log))?.({ offsetMs: Math.round(offsetMs), roundTripMs }, 'exchange clock synced');
    },
    onSyncFailed: (error) => log?.warn({ err: error }, 'exchange clock resync failed; keeping the last offset'),
  });
  const cache = new CandleCache({ source, candles: options.candles, clock });
  const exchangeClock = clock;
  return {
    exchange,
    governor,
    source,
    clock: exchangeClock,
    cache,
    start: () => exchangeClock.start(),
    stop: () => exchangeClock.stop(),
  };
}
