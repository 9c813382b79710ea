import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '@warden/storage/openStore';
import type { SignedExchange } from '@warden/testkit/fakeBinance/orderRoutes';
import type { FakeBinance } from '@warden/testkit/fakeBinance/server';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { intent, startFakeVenue } from './liveTestRig.js';

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const ID = 'wdBTCUSDT1hkx1n0';
let fake: FakeBinance;
let venue: SignedExchange;
let db: { path: string; cleanup: () => void };
afterEach(async () => {
  await fake?.close();
  db?.cleanup();
});

function run(env: Record<string, string>): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, FAKE_URL: fake.url, DB_PATH: db.path, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  return { child, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out }))) };
}

/** DB and exchange agree: same status and fills for the order, never two exchange orders for it. */
function expectAgreement(expectedStatus: string): void {
  const store = openStore(db.path);
  try {
    const order = store.orders.byClientId(ID);
    const onExchange = venue.engine.orders.filter((o) => o.clientOrderId === ID);
    expect(onExchange.length).toBeLessThanOrEqual(1);
    expect(order?.status).toBe(expectedStatus);
    const exchangeOrder = onExchange[0];
    const trades = exchangeOrder ? venue.engine.trades.filter((t) => t.orderId === exchangeOrder.orderId).map((t) => String(t.id)) : [];
    const fills = store.fills.list({ clientOrderId: ID }, { limit: 100 }).items.map((f) => f.tradeId);
    expect(fills.sort()).toEqual(trades.sort());
    const position = store.positions.get('BTC/USDT');
    // Bought 0.001 BTC, 0.1% fee taken in BTC.
    expect(position?.quantity ?? '0').toBe(trades.length > 0 ? '0.000999' : '0');
  } finally {
    store.close();
  }
}

async function restart(): Promise<void> {
  const { done } = run({ MODE: 'reconcile' });
  const r = await done;
  expect(r.code, r.out).toBe(0);
}

const INTENT = JSON.stringify(intent());

describe('crash tests: SIGKILL at each step of a live order, restart, reconcile', () => {
  for (const step of ['intent-persisted', 'response-received', 'fill-applied'] as const) {
    it(`killed after "${step}": after restart DB and exchange agree, no duplicate, nothing lost`, async () => {
      ({ fake, venue } = await startFakeVenue());
      db = tempDbPath('warden-crash-');
      const first = await run({ MODE: 'submit', INTENT, CRASH_AT: step }).done;
      expect(first.signal, first.out).toBe('SIGKILL');
      await restart();
      if (step === 'intent-persisted') {
        // Never sent. Not yet believed "never placed" (it could be in flight) ...
        expectAgreement('PENDING_SUBMIT');
        const store = openStore(db.path);
        const order = store.orders.byClientId(ID);
        if (order) store.orders.update({ ...order, updatedAt: order.updatedAt - 60_000 });
        store.close();
        // ... until recvWindow has certainly passed: then REJECTED, and it was never resent.
        await restart();
        expectAgreement('REJECTED');
        expect(venue.ordersWithClientId(ID)).toBe(0);
      } else {
        expectAgreement('FILLED');
        expect(venue.ordersWithClientId(ID)).toBe(1);
      }
      // A second restart changes nothing.
      await restart();
      expectAgreement(step === 'intent-persisted' ? 'REJECTED' : 'FILLED');
    });
  }

  it('killed after the request was sent, before any response: the order is found and applied once', async () => {
    ({ fake, venue } = await startFakeVenue());
    db = tempDbPath('warden-crash-');
    venue.faults.inject({ kind: 'timeoutAfterAccept', delayMs: 60_000 });
    const { child, done } = run({ MODE: 'submit', INTENT });
    while (venue.ordersWithClientId(ID) === 0) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    await restart();
    expectAgreement('FILLED');
    expect(venue.ordersWithClientId(ID)).toBe(1);
  });
});
