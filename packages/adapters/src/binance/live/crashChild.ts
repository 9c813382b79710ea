/**
 * Child process for the crash tests: a live broker and a real SQLite store against the fake exchange,
 * killed with SIGKILL (by itself, at CRASH_AT) at the step under test. Mode `submit` places one intent
 * and writes the result the way a cycle does; mode `reconcile` is the restart: start-up reconciliation.
 */

import type { OrderIntent } from '@warden/core/domain/orders';
import { applyBrokerUpdate } from '@warden/core/live/applyBrokerUpdate';
import { openStore } from '@warden/storage/openStore';
import { ExchangeClock } from '../exchangeClock.js';
import { sampleEachCall } from '../serverTimeSample.js';
import { LiveBroker } from './liveBroker.js';
import { createLiveExchange } from './liveExchange.js';
import { LiveReconciler } from './liveReconciler.js';
import { BTC_FILTERS, TEST_API_KEY, TEST_API_SECRET } from './liveTestRig.js';

const env = process.env;
const url = env.FAKE_URL as string;
const crashAt = env.CRASH_AT ?? '';
const store = openStore(env.DB_PATH as string);
const die = (step: string) => {
  if (step === crashAt) process.kill(process.pid, 'SIGKILL');
};
const clock = new ExchangeClock(
  sampleEachCall(async () => ((await (await fetch(`${url}/api/v3/time`)).json()) as { serverTime: number }).serverTime),
  {
    // The fake runs on this machine's clock; a loaded test machine must not make a reading "too slow".
    maxRoundTripMs: Number.POSITIVE_INFINITY,
    resyncEveryMs: 60_000,
  },
);
await clock.resync();
const { exchange, governor } = createLiveExchange({
  baseUrl: url,
  testnet: false,
  apiKey: TEST_API_KEY,
  secret: TEST_API_SECRET,
  recvWindowMs: 5000,
  timeoutMs: 20_000,
  clock,
  baseDelayMs: 20,
});
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const broker = new LiveBroker({ exchange, governor, store, filters: BTC_FILTERS, clock, recvWindowMs: 5000, log: quiet, probe: die });

if (env.MODE === 'submit') {
  const intent = JSON.parse(env.INTENT as string) as OrderIntent;
  const update = await broker.submit(intent, { now: clock.now(), price: 0, high: 0, low: 0, volume: 0 });
  applyBrokerUpdate(store, update, clock.now(), 'system', intent.cycleId);
  die('fill-applied');
} else {
  const reconciler = new LiveReconciler({
    broker,
    store,
    filters: BTC_FILTERS,
    now: () => clock.now(),
    policy: 'report',
    tolerancePct: 1,
    log: quiet,
  });
  const result = await reconciler.reconcileJournal();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
store.close();
