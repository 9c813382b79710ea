import { readPortfolio } from '@warden/core/app/portfolioView';
import { Heartbeat } from '@warden/core/notifications/heartbeat';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEquity, buildFill, buildNewApproval } from './testing/builders.js';
import { CHATS, type Harness, START, startHarness } from './testing/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const HOUR = 3_600_000;

function heartbeat(hours: number): Heartbeat {
  return new Heartbeat({ store: h.store, status: h.control, notifier: h.router, hours, log: h.log });
}

describe('Telegram heartbeat driven by the scheduler clock', () => {
  it('sends one message every TELEGRAM_HEARTBEAT_HOURS with state, equity, PnL, position, trades and approvals', async () => {
    h = await startHarness();
    const beat = heartbeat(0.5);
    h.store.equity.insert(buildEquity({ time: START, equity: '10000' }));
    expect(beat.tick(h.clock.now())).toBe(false); // starts the schedule
    h.clock.advance(29 * 60_000);
    expect(beat.tick(h.clock.now())).toBe(false);

    h.store.equity.insert(buildEquity({ time: START + 20 * 60_000, equity: '10150' }));
    h.store.fills.insert(buildFill({ tradeId: 't-1', time: START + 10 * 60_000 }));
    h.store.fills.insert(buildFill({ tradeId: 't-2', time: START + 15 * 60_000 }));
    h.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.02', avgEntryPrice: '41000', realizedPnl: '0', updatedAt: START });
    h.store.approvals.insert(buildNewApproval());
    h.clock.advance(60_000);
    expect(beat.tick(h.clock.now())).toBe(true);

    await h.fake.waitFor(() => h.fake.messagesTo(CHATS.admin).length === 1);
    const text = h.fake.messagesTo(CHATS.admin)[0]?.text ?? '';
    expect(text.split('\n')).toEqual([
      'Heartbeat: RUNNING',
      'Mode: paper · BTC/USDT · smart_grid_ai',
      'Equity: 10150.00 USDT',
      'PnL since last heartbeat: +150.00 USDT (+1.50%)',
      'Position: 0.02 @ 41000 (realized 0.00 USDT)',
      'Trades since last heartbeat: 2',
      'Pending approvals: 1',
      'Last cycle: 2026-01-05 12:00 UTC · scheduler running',
    ]);
  });

  it("with several pairs: the account's equity and exposure, then each pair's strategy, state, position, value and trades since the last beat", async () => {
    h = await startHarness({
      pairs: [
        { symbol: 'BTC/USDT', strategy: 'smart_grid_ai' },
        { symbol: 'ETH/USDT', strategy: 'ema_crossover' },
      ],
    });
    const harness = h;
    const beat = new Heartbeat({
      store: harness.store,
      status: harness.control,
      portfolio: {
        portfolio: () =>
          readPortfolio(harness.store, harness.control.status(), {
            legacySymbol: 'BTC/USDT',
            // The runtime's watermarks: a peak of 10,400 earlier, the day started at 10,000.
            performance: () => ({
              startingEquity: 10_000,
              peakEquity: 10_400,
              dayStartEquity: 10_000,
              drawdownLimitPct: 20,
              dailyLossLimitPct: 5,
            }),
          }),
      },
      notifier: harness.router,
      hours: 1,
      log: harness.log,
    });
    harness.store.equity.insert(buildEquity({ time: START, equity: '10000' }));
    beat.tick(START);
    // A fill before the last beat does not count; after it, one on BTC and two on ETH.
    harness.store.fills.insert(buildFill({ tradeId: 't-0', symbol: 'ETH/USDT', time: START }));
    harness.store.fills.insert(buildFill({ tradeId: 't-1', symbol: 'BTC/USDT', time: START + 60_000 }));
    harness.store.fills.insert(buildFill({ tradeId: 't-2', symbol: 'ETH/USDT', time: START + 120_000 }));
    harness.store.fills.insert(buildFill({ tradeId: 't-3', symbol: 'ETH/USDT', time: START + 180_000 }));
    harness.store.positions.upsert({ symbol: 'ETH/USDT', quantity: '1.5', avgEntryPrice: '2000', realizedPnl: '4', updatedAt: START });
    harness.store.equity.insert(buildEquity({ time: START + HOUR, symbol: 'BTC/USDT', equity: '10100', baseBalance: '0', price: '42000' }));
    harness.store.equity.insert(
      buildEquity({ time: START + HOUR, symbol: 'ETH/USDT', equity: '10100', baseBalance: '1.5', price: '2020' }),
    );
    pairStore(harness.store, 'BTC/USDT').config.set('trading.pair_state', 'PAUSED', 'user:olga', START);
    expect(beat.tick(START + HOUR)).toBe(true);

    await harness.fake.waitFor(() => harness.fake.messagesTo(CHATS.admin).length === 1);
    expect(harness.fake.messagesTo(CHATS.admin)[0]?.text.split('\n')).toEqual([
      'Heartbeat: RUNNING',
      'Mode: paper · 2 pairs',
      'Equity: 10100.00 USDT · 30.0% in positions',
      'PnL since last heartbeat: +100.00 USDT (+1.00%)',
      'Drawdown: 2.88% (limit 20%) · today +1.00% (limit 5%) · return +1.00%',
      'BTC/USDT · smart_grid_ai · PAUSED: flat · 1 trade',
      'ETH/USDT · ema_crossover · RUNNING: 1.5 @ 2000 (realized +4.00 USDT) · 3030.00 USDT (30.0%) · 2 trades',
      'Trades since last heartbeat: 3',
      'Pending approvals: 0',
      'Last cycle: 2026-01-05 12:00 UTC · scheduler running',
    ]);
  });

  it('counts PnL and trades from the previous heartbeat, and collapses missed beats into one', async () => {
    h = await startHarness();
    const beat = heartbeat(1);
    h.store.equity.insert(buildEquity({ time: START, equity: '10000' }));
    beat.tick(START);
    h.clock.set(START + HOUR);
    expect(beat.tick(h.clock.now())).toBe(true);

    h.store.equity.insert(buildEquity({ time: START + HOUR + 1, equity: '9900' }));
    h.clock.set(START + 4.5 * HOUR); // three beats were missed while the scheduler was stopped
    expect(beat.tick(h.clock.now())).toBe(true);
    expect(beat.tick(h.clock.now() + 1)).toBe(false);
    h.clock.set(START + 5 * HOUR); // the cadence stays on the hour
    expect(beat.tick(h.clock.now())).toBe(true);

    await h.fake.waitFor(() => h.fake.messagesTo(CHATS.admin).length === 3);
    const second = h.fake.messagesTo(CHATS.admin)[1]?.text ?? '';
    expect(second).toContain('PnL since last heartbeat: -100.00 USDT (-1.00%)');
    expect(second).toContain('Trades since last heartbeat: 0');
  });

  it('continues its schedule after a restart: a beat due during the downtime goes out, counting from the last one sent', async () => {
    h = await startHarness();
    h.store.equity.insert(buildEquity({ time: START, equity: '10000' }));
    const before = heartbeat(1);
    before.tick(START);
    h.clock.set(START + HOUR);
    expect(before.tick(h.clock.now())).toBe(true);
    h.store.fills.insert(buildFill({ tradeId: 't-1', time: START + HOUR + 60_000 }));
    h.store.equity.insert(buildEquity({ time: START + HOUR + 60_000, equity: '10200' }));

    // The process restarts 90 minutes later: a new Heartbeat reads the saved schedule.
    const after = heartbeat(1);
    expect(after.tick(START + 2.5 * HOUR)).toBe(true);
    await h.fake.waitFor(() => h.fake.messagesTo(CHATS.admin).length === 2);
    const text = h.fake.messagesTo(CHATS.admin)[1]?.text ?? '';
    expect(text).toContain('PnL since last heartbeat: +200.00 USDT (+2.00%)');
    expect(text).toContain('Trades since last heartbeat: 1');
    // ... and keeps the hourly cadence of the first start.
    expect(after.tick(START + 2.9 * HOUR)).toBe(false);
    expect(after.tick(START + 3 * HOUR)).toBe(true);

    // A changed TELEGRAM_HEARTBEAT_HOURS starts a new schedule instead: two hours from now, not
    // the saved hourly one (which would beat at 4 h).
    const changed = heartbeat(2);
    expect(changed.tick(START + 3.1 * HOUR)).toBe(false);
    expect(changed.tick(START + 4.5 * HOUR)).toBe(false);
    expect(changed.tick(START + 5.1 * HOUR)).toBe(true);
  });

  it('starts a new schedule when the saved one is not one it could have written', async () => {
    h = await startHarness();
    for (const saved of [
      { intervalMs: HOUR, nextDueAt: START + 1e12, since: START, baselineEquity: null }, // next beat centuries away
      { intervalMs: HOUR, nextDueAt: -1e15, since: START, baselineEquity: null }, // would loop forever catching up
      { intervalMs: HOUR, nextDueAt: 'soon', since: START, baselineEquity: null },
    ]) {
      h.store.config.set('telegram.heartbeat', saved, 'test', START);
      const beat = heartbeat(1);
      expect(beat.tick(START)).toBe(false);
      expect(beat.tick(START + HOUR)).toBe(true);
    }
  });

  it('is off at 0 hours and honours TELEGRAM_NOTIFY heartbeat:silent', async () => {
    h = await startHarness({ modes: { heartbeat: 'silent' } });
    const off = heartbeat(0);
    off.tick(START);
    expect(off.tick(START + 1_000 * HOUR)).toBe(false);

    const on = heartbeat(2);
    on.tick(START);
    on.tick(START + 2 * HOUR);
    await h.fake.waitFor(() => h.fake.sent.length === 3);
    expect(h.fake.sent.every((m) => m.disable_notification)).toBe(true);
  });
});
