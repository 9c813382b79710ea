import { resolve } from 'node:path';
import { hashPassword } from '@warden/api';
import { recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { startApi } from '../../../api/src/testing/apiHarness.js';
import { seedDemoData } from './demoData.js';
import { MARKET_TIME, PASSWORD, type PanelServer, ROLES, SYMBOL } from './panelServer.js';

/**
 * Development fallback (WARDEN_E2E_SERVER=harness): the API over its store-backed test services
 * instead of the full runtime, for working on the panel before or without the CLI's startWarden.
 * CI runs the real server.
 */
export async function startHarnessServer(options: { auth: boolean }): Promise<PanelServer> {
  const binance = await startFakeBinance({ candles: recordedMarket(), marketTime: MARKET_TIME });
  const api = await startApi({
    auth: options.auth,
    webRoot: resolve(import.meta.dirname, '../../dist'),
    env: { TRADING_SYMBOL: SYMBOL, TRADING_TIMEFRAMES: '5m,1h' },
  });
  if (options.auth) {
    const hash = await hashPassword(PASSWORD);
    for (const role of ROLES) api.store.users.setPasswordHash(role, hash, Date.now());
  }
  seedDemoData(api.store, { symbol: SYMBOL, timeframes: ['5m', '1h'], now: MARKET_TIME, strategy: 'smart_grid_ai' });
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
