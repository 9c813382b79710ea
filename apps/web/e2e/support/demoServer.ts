/**
 * `npx tsx apps/web/e2e/support/demoServer.ts` — the API test harness with demo data and the built
 * panel, for looking at the UI while developing (auth off unless DEMO_AUTH=1: users viewer/operator/admin).
 */
import { resolve } from 'node:path';
import { PASSWORD, startApi } from '../../../api/src/testing/apiHarness.js';
import { demoApproval, seedDemoData } from './demoData.js';

const auth = process.env.DEMO_AUTH === '1';
const api = await startApi({ auth, webRoot: resolve(import.meta.dirname, '../../dist'), env: { TRADING_TIMEFRAMES: '5m,1h' } });
const now = Date.now();
seedDemoData(api.store, { symbol: api.config.TRADING_SYMBOL, timeframes: api.config.TRADING_TIMEFRAMES, now, strategy: 'smart_grid_ai' });
api.store.approvals.insert(
  demoApproval(now, 'smart_grid_ai', { grid_levels: 8, spacing_min_pct: 0.4 }, { grid_levels: 6, spacing_min_pct: 0.6 }),
);
console.log(`demo panel at ${api.url}${auth ? ` (password "${PASSWORD}")` : ''}`);
process.on('SIGINT', () => void api.close().then(() => process.exit(0)));
