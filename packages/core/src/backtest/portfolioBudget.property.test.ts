import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parseConfig.js';
import { strategySettingsFromConfig } from '../cycle/settings.js';
import type { ActiveStrategy } from '../cycle/strategyHost.js';
import type { Candle } from '../domain/market.js';
import { hold, type Signal } from '../domain/signal.js';
import { buildSymbolFilters } from '../execution/symbolFilters.fixture.js';
import { riskLimitsFromConfig } from '../risk/riskLimits.js';
import { randomWalkCandles, seededRandom } from '../strategy/testing/randomWalk.js';
import type { StrategyContext } from '../strategy/types.js';
import { runPortfolioBacktest } from './runPortfolioBacktest.js';

const PAIRS = ['AAA/USDT', 'BBB/USDT', 'CCC/USDT', 'DDD/USDT'];

/** A strategy that asks for anything: random side, size (often more than the account holds) and order type. */
function randomHost(seed: number): { current(): ActiveStrategy; invalidate(): void } {
  const random = seededRandom(seed);
  const strategy = {
    name: 'random',
    params: {},
    evaluate(ctx: StrategyContext): Signal {
      const r = random();
      if (r < 0.3) return hold('random_hold');
      const side = r < 0.7 ? 'BUY' : 'SELL';
      const limit = random() < 0.4 ? ctx.price * (side === 'BUY' ? 1 - random() * 0.02 : 1 + random() * 0.02) : undefined;
      const size = random() < 0.5 ? { quoteAmount: ctx.equity * random() * 1.5 } : { baseQuantity: (ctx.equity / ctx.price) * random() };
      return { action: side, reason: 'random', inputs: {}, ...size, ...(limit !== undefined ? { limitPrice: limit } : {}) };
    },
  };
  const active: ActiveStrategy = { name: 'random', params: {}, strategy };
  return { current: () => active, invalidate: () => {} };
}

describe('one risk budget across pairs (property)', () => {
  it('random signals on every pair never overspend the quote balance or exceed the per-pair and total caps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 20, max: 100 }),
        async (pairCount, seed, maxPositionPct, maxTotalPct) => {
          const config = parseConfig({
            TRADING_TIMEFRAMES: '1h',
            RISK_MAX_POSITION_PCT: String(maxPositionPct),
            RISK_MAX_TOTAL_EXPOSURE_PCT: String(maxTotalPct),
            RISK_MAX_ORDER_NOTIONAL: '0',
            RISK_MAX_DRAWDOWN_PCT: '0',
            RISK_DAILY_LOSS_LIMIT_PCT: '0',
            RISK_MAX_OPEN_ORDERS: '5',
          });
          const limits = riskLimitsFromConfig(config);
          const pairs = PAIRS.slice(0, pairCount).map((symbol, i) => {
            const [base] = symbol.split('/') as [string];
            const candles: Candle[] = randomWalkCandles({ count: 60, sigma: 0.02, seed: seed + i, price: 50 + 40 * i });
            return {
              candles: { '1h': candles },
              settings: { ...strategySettingsFromConfig(config), symbol, primaryTimeframe: '1h' as const },
              strategy: 'random',
              filters: buildSymbolFilters({ symbol, base, maxNotional: null, minNotional: '1', stepSize: '0.001', minQty: '0.001' }),
              host: randomHost(seed * 7 + i),
            };
          });
          await runPortfolioBacktest({
            pairs,
            startingEquity: 1000,
            riskLimits: limits,
            paper: { slippageBps: 5, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct: 10 },
            onPairStep: (symbol, outcome, portfolio, marks) => {
              // Balances are exact and never negative, whatever any pair asked for.
              expect(portfolio.ledger.free.isNegative() || portfolio.ledger.locked.isNegative()).toBe(false);
              for (const [, broker] of portfolio.brokers) {
                const { base } = broker.balances();
                expect(Number(base.free)).toBeGreaterThanOrEqual(0);
                expect(Number(base.locked)).toBeGreaterThanOrEqual(0);
              }
              const d = outcome.decision;
              if (d?.decision !== 'ALLOW' || d.side !== 'BUY') return;
              const inputs = d.inputs as Record<string, number | string>;
              const price = Number(inputs.price);
              const equity = Number(inputs.equity);
              const held = (Number(inputs.positionQuantity) + Number(inputs.restingBuyQuantity)) * price;
              // A limit buy costs its limit; a market buy at least the latest price (plus slippage).
              const order = Number(d.quantity) * (d.type === 'LIMIT' ? Number(d.price) : price);
              const other = Number(inputs.otherPairsExposure ?? 0);
              const slack = equity * 1e-9;
              expect(held + order).toBeLessThanOrEqual((equity * maxPositionPct) / 100 + slack);
              expect(held + order + other).toBeLessThanOrEqual((equity * maxTotalPct) / 100 + slack);
              // What the risk engine was told the other pairs hold is what they held.
              let trueOther = 0;
              for (const [pair, broker] of portfolio.brokers) if (pair !== symbol) trueOther += broker.exposureAt(marks.markOf(pair));
              expect(other).toBeCloseTo(trueOther, 6);
            },
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
