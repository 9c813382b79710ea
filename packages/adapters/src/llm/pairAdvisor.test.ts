import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import { buildCandles } from '@warden/core/advisor/testFixtures';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { parseConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import type { ProposalChange } from '@warden/core/domain/approval';
import type { MetricsSnapshot } from '@warden/core/domain/orders';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { ManualClock } from '@warden/core/ports/clock';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdvisorServices } from './advisorServices.js';

const NOW = Date.UTC(2024, 0, 2, 12, 0, 0);
const PAIRS = ['BTC/USDT', 'ETH/USDT'] as const;
const GRID_PARAMS = CONFIG_KEYS.strategyParams('smart_grid_ai');
const OPERATOR = { id: 'user:alice', role: 'operator' } as const;

let store: SqliteStore | null = null;
let cleanup = () => {};
afterEach(() => {
  store?.close();
  cleanup();
  store = null;
});

const metrics = (symbol: string | null, winRate: number): MetricsSnapshot => ({
  time: NOW - 1000,
  cycleId: null,
  symbol,
  totalReturnPct: 0,
  maxDrawdownPct: 1,
  winRate,
  profitFactor: 1,
  sharpe: null,
  feesPaid: 1,
  tradeCount: 25,
  exposurePct: 10,
});

/**
 * A database of two pairs trading smart_grid_ai: BTC/USDT's own history is middling (win rate 50 %:
 * the rules have nothing to say), ETH/USDT's is losing (30 %: the rules propose a defensive grid).
 * Each pair has its own candles. `whatIfs` records which pair's what-if ran for which change.
 */
function setup(legacyWinRate?: number) {
  const tmp = tempDbPath('warden-pair-advisor-');
  cleanup = tmp.cleanup;
  store = openStore(tmp.path);
  const s = store;
  const clock = new ManualClock(NOW);
  const env = parseConfig({
    TRADING_SYMBOLS: PAIRS.join(','),
    TRADING_TIMEFRAMES: '5m',
    AI_ENABLED: 'false',
    TRADING_ACTIVE_STRATEGY: 'smart_grid_ai',
  });
  const defaults = registryCatalog.definition('smart_grid_ai')?.defaults;
  for (const [symbol, price] of [
    ['BTC/USDT', 40_000],
    ['ETH/USDT', 2_000],
  ] as const) {
    s.candles.upsertMany(symbol, '5m', buildCandles(200, { start: NOW - 201 * 300_000, startPrice: price }));
    const scoped = pairStore(s, symbol);
    scoped.config.set(CONFIG_KEYS.activeStrategy, 'smart_grid_ai', 'system', NOW - 1000);
    scoped.config.set(GRID_PARAMS, defaults, 'system', NOW - 1000);
  }
  if (legacyWinRate !== undefined) s.metrics.insert(metrics(null, legacyWinRate));
  else s.metrics.insert(metrics('BTC/USDT', 0.5));
  s.metrics.insert(metrics('ETH/USDT', 0.3));
  const whatIfs: Array<[string, ProposalChange]> = [];
  const control = { transition: async () => ({ from: 'RUNNING' as const, to: 'PAUSED' as const }) };
  const services = createAdvisorServices({
    env,
    store: s,
    clock,
    control,
    legacySymbol: 'BTC/USDT',
    pairs: PAIRS.map((symbol) => ({
      symbol,
      store: pairStore(s, symbol),
      settings: { ...strategySettingsFromConfig(env), symbol },
      defaultStrategy: 'smart_grid_ai',
      whatIf: async (change) => {
        whatIfs.push([symbol, change]);
        return null;
      },
    })),
  });
  return { store: s, clock, services, whatIfs };
}

describe('the advisor of several pairs (createAdvisorServices with pairs)', () => {
  it("builds each pair's context from its own candles, metrics and strategy, and proposes for the pair that needs it", async () => {
    const { store, services, whatIfs } = setup();
    const result = await services.advisor.run(OPERATOR);
    expect(result.saved.map((a) => a.symbol)).toEqual(['ETH/USDT']);
    expect(result.source).toBe('rules');
    expect(whatIfs.map(([symbol]) => symbol)).toEqual(['ETH/USDT']);
    type Built = { symbol: string; market: { lastClose: number }; performance: { winRatePct: number } };
    const contexts = [...store.audit.list({ type: 'advisor.context_built' }, { limit: 5 }).items].reverse().map((e) => e.inputs as Built);
    expect(contexts.map((c) => c.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    const [btc, eth] = contexts;
    expect(btc?.market.lastClose).toBeGreaterThan(30_000);
    expect(eth?.market.lastClose).toBeLessThan(3_000);
    expect([btc?.performance.winRatePct, eth?.performance.winRatePct]).toEqual([50, 30]);
  });

  it("approving ETH/USDT's proposal changes only ETH/USDT's parameters", async () => {
    const { store, services } = setup();
    const btcBefore = pairStore(store, 'BTC/USDT').config.get(GRID_PARAMS);
    const [proposal] = (await services.advisor.run(OPERATOR, 'ETH/USDT')).saved;
    if (proposal?.change.kind !== 'params') throw new Error('expected a parameter proposal');
    await services.approvals.approve(proposal.id, OPERATOR, null);
    expect(pairStore(store, 'ETH/USDT').config.get(GRID_PARAMS)).toMatchObject(proposal.change.after);
    expect(pairStore(store, 'BTC/USDT').config.get(GRID_PARAMS)).toEqual(btcBefore);
    expect(store.config.get(GRID_PARAMS)).toBeNull();
    const applied = store.audit.list({ type: 'approval.applied' }, { limit: 1 }).items[0];
    expect(applied).toMatchObject({ reason: `approval #${proposal.id} applied to ETH/USDT`, inputs: { symbol: 'ETH/USDT' } });
  });

  it('counts the rows from before several pairs (symbol null) as the legacy pair’s, and applies a legacy proposal to it', async () => {
    // BTC/USDT's history is the single-pair version's: losing, so BTC/USDT is advised too.
    const { store, services } = setup(0.3);
    const result = await services.advisor.run(OPERATOR);
    expect(result.saved.map((a) => a.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);

    const change: ProposalChange = { kind: 'params', strategy: 'smart_grid_ai', before: { grid_levels: 5 }, after: { grid_levels: 9 } };
    const legacy = store.approvals.insert({
      createdAt: NOW,
      expiresAt: NOW + 60_000,
      change,
      reason: 'old',
      source: 'rules',
      whatIf: null,
    });
    expect(legacy.symbol).toBeNull();
    await services.approvals.approve(legacy.id, OPERATOR, null);
    expect(pairStore(store, 'BTC/USDT').config.get<{ grid_levels: number }>(GRID_PARAMS)?.grid_levels).toBe(9);
    expect(pairStore(store, 'ETH/USDT').config.get<{ grid_levels: number }>(GRID_PARAMS)?.grid_levels).not.toBe(9);
  });

  it('refuses to run for a pair not traded, and to apply a proposal for one', async () => {
    const { store, services } = setup();
    await expect(services.advisor.run(OPERATOR, 'XRP/USDT')).rejects.toThrow(/XRP\/USDT is not one of the traded pairs/);
    const change: ProposalChange = { kind: 'params', strategy: 'smart_grid_ai', before: {}, after: { grid_levels: 9 } };
    const gone = store.approvals.insert({
      createdAt: NOW,
      expiresAt: NOW + 60_000,
      change,
      reason: 'r',
      source: 'rules',
      whatIf: null,
      symbol: 'SOL/USDT',
    });
    await expect(services.approvals.approve(gone.id, OPERATOR, null)).rejects.toThrow(/SOL\/USDT, which is no longer traded/);
    expect(store.approvals.get(gone.id)?.status).toBe('PENDING');
    expect(pairStore(store, 'SOL/USDT').config.get(GRID_PARAMS)).toBeNull();
  });
});
