import { describe, expect, it } from 'vitest';
import { InMemoryStore } from '../backtest/inMemoryStore.js';
import { ForbiddenError, ValidationError } from '../errors/errors.js';
import { pairStore } from '../portfolio/pairStore.js';
import { ManualClock } from '../ports/clock.js';
import { AdvisorServiceImpl } from './advisorService.js';
import { PortfolioAdvisor } from './portfolioAdvisor.js';
import { registryCatalog } from './registryCatalog.js';
import { buildAdvisorInput, buildMetrics } from './testFixtures.js';

const NOW = Date.UTC(2024, 0, 2);
const OPERATOR = { id: 'user:alice', role: 'operator' } as const;

/** Two pairs' real advisors over one store; `failing` pairs cannot read their input (e.g. a broken database row). */
function advisorOf(failing: readonly string[] = []) {
  const store = new InMemoryStore();
  const clock = new ManualClock(NOW);
  const pairs = new Map(
    ['BTC/USDT', 'ETH/USDT'].map((symbol) => [
      symbol,
      new AdvisorServiceImpl({
        store: pairStore(store, symbol),
        clock,
        catalog: registryCatalog,
        llm: null,
        loadInput: (now) => {
          if (failing.includes(symbol)) throw new Error(`cannot read ${symbol}'s candles`);
          return buildAdvisorInput({ now, symbol, metrics: buildMetrics({ winRate: 0.3, tradeCount: 25 }) });
        },
        settings: { fallbackRules: true, approvalTtlMinutes: 60, timeoutMs: 1000 },
        symbol,
      }),
    ]),
  );
  return { store, advisor: new PortfolioAdvisor({ pairs, store, clock }) };
}

describe('PortfolioAdvisor', () => {
  it('runs every pair in turn when no pair is named, and only the named one otherwise', async () => {
    const { advisor } = advisorOf();
    expect((await advisor.run(OPERATOR, 'ETH/USDT')).saved.map((a) => a.symbol)).toEqual(['ETH/USDT']);
    const all = await advisor.run(OPERATOR);
    // ETH/USDT's identical proposal is already pending: only BTC/USDT's is new.
    expect(all.saved.map((a) => a.symbol)).toEqual(['BTC/USDT']);
    expect(all.dropped).toBe(1);
    expect(all.source).toBe('rules');
  });

  it('keeps advising the other pairs when one fails, reports and audits the failure; throws when every pair failed', async () => {
    const { store, advisor } = advisorOf(['BTC/USDT']);
    const result = await advisor.run(OPERATOR);
    expect(result.saved.map((a) => a.symbol)).toEqual(['ETH/USDT']);
    expect(result.failed).toEqual([{ symbol: 'BTC/USDT', error: "cannot read BTC/USDT's candles" }]);
    expect(store.audit.list({ type: 'advisor.pair_failed' }, { limit: 5 }).items[0]).toMatchObject({
      actor: 'advisor',
      inputs: { symbol: 'BTC/USDT', requestedBy: 'user:alice' },
      outcome: 'error',
    });
    await expect(advisorOf(['BTC/USDT', 'ETH/USDT']).advisor.run(OPERATOR)).rejects.toThrow("cannot read BTC/USDT's candles");
  });

  it('refuses a viewer and a pair not traded before anything runs', async () => {
    const { store, advisor } = advisorOf();
    await expect(advisor.run({ id: 'user:v', role: 'viewer' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(advisor.run(OPERATOR, 'XRP/USDT')).rejects.toBeInstanceOf(ValidationError);
    expect(store.audit.list({}, { limit: 10 }).items).toEqual([]);
  });
});
