import { resolve } from 'node:path';
import { hashPassword } from '@warden/api';
import { recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { startApi } from '../../../api/src/testing/apiHarness.js';
import { DEMO_PAIRS, seedDemoData } from './demoData.js';
import { MARKET_TIME, PASSWORD, type PanelServer, ROLES } from './panelServer.js';

/**
 * Development fallback (WARDEN_E2E_SERVER=harness): the API over its store-backed test services
 * instead of the full runtime, for working on the panel before or without the CLI's startWarden.
 * With `portfolio` it lists the three demo pairs, each with its own demo trades. CI runs the real server.
 */
export async function startHarnessServer(options: { auth: boolean; portfolio?: boolean }): Promise<PanelServer> {
  const binance = await startFakeBinance({ candles: recordedMarket(), marketTime: MARKET_TIME });
  const pairs = options.portfolio ? DEMO_PAIRS : DEMO_PAIRS.slice(0, 1);
  const api = await startApi({
    auth: options.auth,
    webRoot: resolve(import.meta.dirname, '../../dist'),
    env: {
      TRADING_SYMBOLS: pairs.map((p) => p.symbol).join(','),
      TRADING_TIMEFRAMES: '5m,1h',
      // The strategies the real portfolio server runs (panelServer.ts), so the selector reads the same.
      ...(options.portfolio ? { TRADING_ACTIVE_STRATEGY: 'grid', TRADING_PAIR_STRATEGIES: 'SOL/USDT=ema_crossover' } : {}),
    },
  });
  if (options.auth) {
    const hash = await hashPassword(PASSWORD);
    for (const role of ROLES) api.store.users.setPasswordHash(role, hash, Date.now());
  }
  for (const pair of pairs) seedDemoData(api.store, { ...pair, timeframes: ['5m', '1h'], now: MARKET_TIME, strategy: 'smart_grid_ai' });
  return {
    url: api.url,
    binance,
    store: api.store,
    advance: async () => {
      throw new Error('the harness server runs no trading cycles: use the real server (unset WARDEN_E2E_SERVER)');
    },
    async stop() {
      await api.close();
      await binance.close();
    },
  };
}
