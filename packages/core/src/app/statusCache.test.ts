import { describe, expect, it } from 'vitest';
import { InMemoryStore } from '../backtest/inMemoryStore.js';
import type { Broker } from '../ports/broker.js';
import { ManualClock } from '../ports/clock.js';
import { silentNotifier } from '../ports/notifier.js';
import { CONFIG_KEYS } from './configKeys.js';
import { type ControlRuntime, ControlServiceImpl } from './controlServiceImpl.js';
import { LiveUpdates } from './liveUpdates.js';

const FIVE_MIN = 300_000;
const START = Date.UTC(2025, 0, 1, 12, 1); // one minute into a 5m bar

/** A control service over a store whose data version the test moves, counting the runtime's reads. */
function rig(options: { versioned?: boolean } = {}) {
  let version = 1;
  const base = new InMemoryStore();
  const store = Object.assign(base, options.versioned === false ? {} : { dataVersion: () => String(version) });
  const clock = new ManualClock(START);
  const reads = { readiness: 0, describe: 0 };
  const steer = { running: false, cycleCount: 0 };
  const runtime: ControlRuntime = {
    scheduler: {
      get isRunning() {
        return steer.running;
      },
      start: () => {},
      stop: async () => {},
    },
    readiness: () => {
      reads.readiness++;
      return [{ timeframe: '5m', required: 2, available: 2, ready: true }];
    },
    preflight: async () => [],
    cycleInfo: () => ({ lastCycleAt: null, lastCycleId: null, cycleCount: steer.cycleCount, lastError: null }),
    describe: () => {
      reads.describe++;
      return {
        mode: 'paper',
        symbol: 'BTC/USDT',
        strategy: store.config.get<string>(CONFIG_KEYS.activeStrategy) ?? 'grid',
        timeframes: ['5m'],
        version: 'test',
        startedAt: START,
        requireDataReady: true,
      };
    },
  };
  const broker = { cancelAll: async () => ({ canceled: [], failed: [] }) } as unknown as Broker;
  const control = new ControlServiceImpl(store, clock, broker, runtime, new LiveUpdates(), silentNotifier);
  return { control, store, clock, reads, steer, bump: () => version++ };
}

describe('ControlServiceImpl.status cache', () => {
  it('reads the runtime and the store once while nothing changes', () => {
    const r = rig();
    for (let i = 0; i < 5; i++) r.control.status();
    expect(r.reads).toEqual({ readiness: 1, describe: 1 });
  });

  it('reads again as soon as the store reports a change, and shows it', () => {
    const r = rig();
    expect(r.control.status().state).toBe('RUNNING');
    r.store.config.set(CONFIG_KEYS.tradingState, 'PAUSED', 'user:a', START);
    r.bump();
    expect(r.control.status().state).toBe('PAUSED');
    expect(r.reads.readiness).toBe(2);
  });

  it('a transition through the service is visible on the next read', async () => {
    const r = rig();
    r.control.status();
    // InMemoryStore has no write counter of its own: the rig's version stands in for SQLite's.
    await r.control.transition('pause', { id: 'user:a', role: 'operator' }, 'test');
    r.bump();
    expect(r.control.status().state).toBe('PAUSED');
  });

  it('reads again when a candle of a readiness timeframe closes, not before', () => {
    const r = rig();
    r.control.status();
    r.clock.advance(FIVE_MIN - 60_001); // still inside the same bar
    r.control.status();
    expect(r.reads.readiness).toBe(1);
    r.clock.advance(1); // the bar closes
    r.control.status();
    expect(r.reads.readiness).toBe(2);
  });

  it('keeps the scheduler flag, the cycle counters and the server time live', () => {
    const r = rig();
    r.control.status();
    r.steer.running = true;
    r.steer.cycleCount = 7;
    r.clock.advance(1_000);
    expect(r.control.status()).toMatchObject({ schedulerRunning: true, cycleCount: 7, serverTime: START + 1_000 });
    expect(r.reads.readiness).toBe(1);
  });

  it('reads every time from a store without a data version, and after invalidateStatus', () => {
    const unversioned = rig({ versioned: false });
    unversioned.control.status();
    unversioned.control.status();
    expect(unversioned.reads.readiness).toBe(2);

    const r = rig();
    r.control.status();
    r.control.invalidateStatus();
    r.control.status();
    expect(r.reads.readiness).toBe(2);
  });
});
