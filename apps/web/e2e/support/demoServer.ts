/**
 * `npx tsx apps/web/e2e/support/demoServer.ts` — the API test harness with demo data and the built
 * panel, for looking at the UI while developing (auth off unless DEMO_AUTH=1: users viewer/operator/admin;
 * one pair, or the three demo pairs with DEMO_PAIRS=3).
 */
import { resolve } from 'node:path';
import { PASSWORD, startApi } from '../../../api/src/testing/apiHarness.js';
import { DEMO_PAIRS, demoApproval, seedDemoData } from './demoData.js';

const auth = process.env.DEMO_AUTH === '1';
const pairs = process.env.DEMO_PAIRS === '3' ? DEMO_PAIRS : DEMO_PAIRS.slice(0, 1);
const api = await startApi({
  auth,
  webRoot: resolve(import.meta.dirname, '../../dist'),
  env: { TRADING_SYMBOLS: pairs.map((p) => p.symbol).join(','), TRADING_TIMEFRAMES: '5m,1h' },
});
const now = Date.now();
for (const pair of pairs) seedDemoData(api.store, { ...pair, timeframes: api.config.TRADING_TIMEFRAMES, now, strategy: 'smart_grid_ai' });
api.store.approvals.insert({
  ...demoApproval(now, 'smart_grid_ai', { grid_levels: 8, spacing_min_pct: 0.4 }, { grid_levels: 6, spacing_min_pct: 0.6 }),
  symbol: pairs[0]?.symbol ?? null,
});
console.log(`demo panel at ${api.url}${auth ? ` (password "${PASSWORD}")` : ''}`);
process.on('SIGINT', () => void api.close().then(() => process.exit(0)));
