import type { SymbolFilters } from '@warden/core/domain/market';
import type { OrderIntent } from '@warden/core/domain/orders';
import { buildSymbolFilters } from '@warden/core/execution/symbolFilters.fixture';
import type { UnknownOrderPolicy } from '@warden/core/live/unknownOrderPolicy';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import type { FakeSymbolSpec } from '@warden/testkit/fakeBinance/exchangeInfo';
import { createSignedExchange, type SignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import { BTC_2021_WEEK, recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { tempDbPath } from '@warden/testkit/tempDir';
import { BinanceCandleSource } from '../binanceCandleSource.js';
import { createBinanceExchange } from '../binanceExchange.js';
import { ExchangeClock } from '../exchangeClock.js';
import { RequestGovernor } from '../requestGovernor.js';
import { sampleEachCall } from '../serverTimeSample.js';
import { LiveBroker, type LiveStep } from './liveBroker.js';
import { createLiveExchange } from './liveExchange.js';

/** Test-only credentials; the canary key is searched for in every output by the security tests. */
export const TEST_API_KEY = 'CANARY-KEY-7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a';
export const TEST_API_SECRET = 'CANARY-SECRET-0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

export const BTC_FILTERS: SymbolFilters = buildSymbolFilters();

export interface LiveRig {
  readonly fake: FakeBinance;
  readonly venue: SignedExchange;
  readonly store: SqliteStore;
  readonly dbPath: string;
  readonly broker: LiveBroker;
  readonly filters: SymbolFilters;
  readonly clock: ExchangeClock;
  readonly logs: string[];
  readonly alerts: string[];
  newBroker(store: SqliteStore, probe?: (step: LiveStep, id: string) => void): LiveBroker;
  close(): Promise<void>;
}

export async function startFakeVenue(
  balances: Record<string, string> = { USDT: '10000', BTC: '0.1' },
  symbols?: readonly FakeSymbolSpec[],
): Promise<{ fake: FakeBinance; venue: SignedExchange }> {
  // Market clock runs in real time so signed timestamps stay inside recvWindow.
  const fake = await startFakeBinance({
    candles: recordedMarket(),
    marketTime: BTC_2021_WEEK.start + 3 * 3_600_000,
    speed: 1,
    ...(symbols ? { symbols } : {}),
  });
  const venue = createSignedExchange({ apiKey: TEST_API_KEY, secret: TEST_API_SECRET, balances, ...(symbols ? { symbols } : {}) });
  fake.addRoutes(venue.routes);
  venue.setPrice('BTCUSDT', '50000');
  return { fake, venue };
}

/** A live broker on a real fake server and a real SQLite file. */
export async function startLiveRig(
  options: {
    /**
     * The HTTP timeout of each exchange request (ms). The default is a deadline for a hang, far above
     * what the fake takes even on a loaded machine: a short one would turn an ordinary slow answer
     * into a timeout (an UNKNOWN order, a retried read) and change what a test sees. Tests of
     * timeouts pass a short one together with a fault that outlasts it.
     */
    timeoutMs?: number;
    recvWindowMs?: number;
    dbPath?: string;
    /** LIVE_EMERGENCY_FLATTEN */
    flattenOnEmergency?: boolean;
    /** LIVE_UNKNOWN_ORDER_POLICY as the broker knows it (default report). */
    unknownOrderPolicy?: UnknownOrderPolicy;
    balances?: Record<string, string>;
    /** The exchange's symbol rules (default: DEFAULT_SYMBOLS). */
    symbols?: readonly FakeSymbolSpec[];
    /** The broker's filters: BTC_FILTERS (default), or read from the fake's exchangeInfo as the app reads them. */
    filters?: SymbolFilters | 'fromExchangeInfo';
  } = {},
): Promise<LiveRig> {
  const { fake, venue } = await startFakeVenue(options.balances, options.symbols);
  const filters = options.filters === 'fromExchangeInfo' ? await filtersFromExchangeInfo(fake.url) : (options.filters ?? BTC_FILTERS);
  const db = options.dbPath ? { path: options.dbPath, cleanup: () => {} } : tempDbPath('warden-live-');
  const store = openStore(db.path);
  const logs: string[] = [];
  const alerts: string[] = [];
  let clock: ExchangeClock;
  const log = {
    info: (o: object, m: string) => logs.push(JSON.stringify({ ...o, m })),
    warn: (o: object, m: string) => logs.push(JSON.stringify({ ...o, m })),
    error: (o: object, m: string) => logs.push(JSON.stringify({ ...o, m })),
  };
  const newBroker = (s: SqliteStore, probe?: (step: LiveStep, id: string) => void) => {
    const { exchange, governor } = createLiveExchange({
      baseUrl: fake.url,
      testnet: false,
      apiKey: TEST_API_KEY,
      secret: TEST_API_SECRET,
      recvWindowMs: options.recvWindowMs ?? 5000,
      timeoutMs: options.timeoutMs ?? 20_000,
      clock: { now: () => clock.now(), resync: () => clock.resync() },
      baseDelayMs: 20,
    });
    return new LiveBroker({
      exchange,
      governor,
      store: s,
      filters,
      clock,
      recvWindowMs: options.recvWindowMs ?? 5000,
      log,
      alert: (t, l) => alerts.push([t, ...l].join(' | ')),
      probe,
      flattenOnEmergency: options.flattenOnEmergency ?? false,
      unknownOrderPolicy: options.unknownOrderPolicy ?? 'report',
    });
  };
  clock = new ExchangeClock(
    sampleEachCall(async () => ((await (await fetch(`${fake.url}/api/v3/time`)).json()) as { serverTime: number }).serverTime),
    {
      // The fake runs on this machine's clock; a loaded test machine must not make a reading "too slow".
      maxRoundTripMs: Number.POSITIVE_INFINITY,
      resyncEveryMs: 60_000,
    },
  );
  await clock.resync();
  const broker = newBroker(store);
  return {
    fake,
    venue,
    store,
    dbPath: db.path,
    broker,
    filters,
    clock,
    logs,
    alerts,
    newBroker,
    close: async () => {
      store.close();
      await fake.close();
      db.cleanup();
    },
  };
}

/** BTC/USDT's filters as the app reads them from the exchange at `baseUrl`. */
async function filtersFromExchangeInfo(baseUrl: string): Promise<SymbolFilters> {
  const governor = new RequestGovernor({ baseDelayMs: 20 });
  const exchange = createBinanceExchange({ baseUrl, onResponse: (status, headers) => governor.observe(status, headers) });
  return new BinanceCandleSource(exchange, governor).fetchFilters('BTC/USDT');
}

export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientOrderId: 'wdBTCUSDT1hkx1n0',
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'MARKET',
    quantity: '0.001',
    price: null,
    cycleId: 'c1',
    reason: 'test',
    tag: null,
    ...overrides,
  };
}

export const TICK = { now: 0, price: 50000, high: 50000, low: 50000, volume: 0 };
