import { buildAdvisorInput, buildMetrics } from '@warden/core/advisor/testFixtures';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../../testing/apiHarness.js';
import { insertProposal } from '../../testing/realServices.js';

const TWO_PAIRS = { TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT', TRADING_ACTIVE_STRATEGY: 'smart_grid_ai' };
const GRID_PARAMS = CONFIG_KEYS.strategyParams('smart_grid_ai');

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Every pair's advisor sees a losing smart grid (win rate 30 % over 25 trades): the fallback rules propose a defensive change. */
async function boot(): Promise<ApiHarness> {
  h = await startApi({
    auth: false,
    env: TWO_PAIRS,
    advisorInput: (symbol, now) => buildAdvisorInput({ now, symbol, metrics: buildMetrics({ winRate: 0.3, tradeCount: 25 }) }),
  });
  return h;
}

const paramsOf = (harness: ApiHarness, symbol: string) => pairStore(harness.store, symbol).config.get<Record<string, unknown>>(GRID_PARAMS);

describe('advisor proposals per pair through the API', () => {
  it('a run for ETH/USDT proposes for ETH/USDT only, and approving it changes only ETH/USDT’s parameters', async () => {
    const h = await boot();
    const run = await h.request('POST', '/api/advisor/run', { body: { symbol: 'ETH/USDT' } });
    expect(run.status).toBe(200);
    expect(run.body.saved).toHaveLength(1);
    const [proposal] = run.body.saved;
    expect(proposal).toMatchObject({ symbol: 'ETH/USDT', status: 'PENDING', source: 'rules', change: { strategy: 'smart_grid_ai' } });

    expect((await h.request('GET', '/api/approvals?symbol=ETH%2FUSDT')).body.items.map((a: { id: number }) => a.id)).toEqual([proposal.id]);
    expect((await h.request('GET', '/api/approvals?symbol=BTC%2FUSDT')).body.items).toEqual([]);
    expect((await h.request('GET', `/api/approvals/${proposal.id}`)).body.symbol).toBe('ETH/USDT');

    const approved = await h.request('POST', `/api/approvals/${proposal.id}/approve`, { body: { comment: 'ok' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', symbol: 'ETH/USDT' });
    expect(paramsOf(h, 'ETH/USDT')).toMatchObject(proposal.change.after);
    expect(paramsOf(h, 'BTC/USDT')).toBeNull();
    expect(h.store.config.get(GRID_PARAMS)).toBeNull(); // nothing outside the pairs' scopes
    const changed = (await h.request('GET', '/api/events?type=config.changed')).body.items;
    expect(changed).toHaveLength(1);
    expect(changed[0].inputs).toMatchObject({ key: GRID_PARAMS, symbol: 'ETH/USDT', approvalId: proposal.id });
  });

  it('a run without a pair proposes for every pair, each approval naming its own; an identical change is pending once per pair', async () => {
    const h = await boot();
    const run = await h.request('POST', '/api/advisor/run', { body: {} });
    expect(run.status).toBe(200);
    expect(run.body.saved.map((a: { symbol: string }) => a.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(run.body.failed).toBeUndefined();
    // Asked again, each pair's identical proposal is already pending: nothing new for either.
    const again = await h.request('POST', '/api/advisor/run');
    expect(again.body.saved).toEqual([]);
    expect((await h.request('GET', '/api/approvals?status=PENDING')).body.items).toHaveLength(2);
  });

  it('a proposal from before several pairs (symbol null) is listed and applied as the legacy pair’s (the first)', async () => {
    const h = await boot();
    const legacy = insertProposal(h.store, h.clock.now());
    const btcList = (await h.request('GET', '/api/approvals?symbol=BTC%2FUSDT')).body.items;
    expect(btcList.map((a: { id: number; symbol: string | null }) => [a.id, a.symbol])).toEqual([[legacy.id, null]]);
    expect((await h.request('GET', '/api/approvals?symbol=ETH%2FUSDT')).body.items).toEqual([]);

    expect((await h.request('POST', `/api/approvals/${legacy.id}/approve`)).status).toBe(200);
    const key = CONFIG_KEYS.strategyParams('ema_crossover');
    expect(pairStore(h.store, 'BTC/USDT').config.get<Record<string, unknown>>(key)).toMatchObject({ fast_period: 10 });
    expect(pairStore(h.store, 'ETH/USDT').config.get(key)).toBeNull();
    expect(h.store.config.get(key)).toBeNull();
  });

  it('refuses a run for a pair not traded (400 naming body.symbol) and saves nothing', async () => {
    const h = await boot();
    const res = await h.request('POST', '/api/advisor/run', { body: { symbol: 'XRP/USDT' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('body.symbol');
    expect((await h.request('GET', '/api/approvals')).body.items).toEqual([]);
  });
});
