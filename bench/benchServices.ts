import { createAdvisorServices } from '@warden/adapters/llm/advisorServices';
import { ControlServiceImpl } from '@warden/core/app/controlServiceImpl';
import type { LiveUpdates } from '@warden/core/app/liveUpdates';
import { parseConfig } from '@warden/core/config/parseConfig';
import { Scheduler } from '@warden/core/cycle/scheduler';
import type { Broker } from '@warden/core/ports/broker';
import type { Clock } from '@warden/core/ports/clock';
import { silentNotifier } from '@warden/core/ports/notifier';
import type { Store } from '@warden/core/ports/store';

/** The real application services over a store, with an idle scheduler: what the API serves in the benchmark. */
export function benchServices(store: Store, clock: Clock, broker: Broker, liveUpdates: LiveUpdates) {
  const config = parseConfig({ TRADING_ACTIVE_STRATEGY: 'ema_crossover' });
  const scheduler = new Scheduler(60_000, async () => {});
  const control = new ControlServiceImpl(
    store,
    clock,
    broker,
    {
      scheduler,
      readiness: () => [{ timeframe: '5m', required: 27, available: 27, ready: true }],
      preflight: async () => [],
      cycleInfo: () => ({ lastCycleAt: null, lastCycleId: null, cycleCount: 0, lastError: null }),
      describe: () => ({
        mode: 'paper',
        symbol: 'BTC/USDT',
        strategy: 'ema_crossover',
        timeframes: ['5m', '4h'],
        version: 'bench',
        startedAt: 0,
        requireDataReady: true,
      }),
    },
    liveUpdates,
    silentNotifier,
  );
  const { advisor, approvals } = createAdvisorServices({ env: config, store, clock, control, liveUpdates });
  const strategyInfo = () => ({ name: 'ema_crossover', params: {}, tunable: [], describe: null });
  return { control, approvals, advisor, strategyInfo };
}
