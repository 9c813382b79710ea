import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayFeed } from '../backtest/replayFeed.js';
import { runBacktest } from '../backtest/runBacktest.js';
import { aggregateCandles } from '../data/aggregateCandles.js';
import type { Candle } from '../domain/market.js';
import type { Signal } from '../domain/signal.js';
import { createStrategy, knownStrategyNames } from './registry.js';
import { BTC_FILTERS, buildContext, buildSettings } from './testing/contextBuilder.js';
import { randomWalkCandles } from './testing/randomWalk.js';
import { fill, type SimulatedAccount, simulate } from './testing/simulate.js';

/**
 * No lookahead: a decision on candle t may depend only on candles that closed by t. Each property
 * runs a strategy over a market, then over the same market with everything after candle t
 * replaced by a different future (another seed, another volatility and drift), and requires every
 * decision up to t to be the same — for every strategy in the registry and every seed.
 */

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);
/** 15 days of 1h candles: enough 4h candles (90) for the smart grid's regime to be read. */
const COUNT = 360;

const settings = buildSettings({ gridAutoInventoryBootstrap: true, gridCooldownSeconds: 0 });

/** A 1h market, and the same market with a different future after candle `t`. */
function markets(seed: number, otherSeed: number, t: number, sigma: number, otherSigma: number, otherDrift: number): [Candle[], Candle[]] {
  const base = randomWalkCandles({ count: COUNT, sigma, seed, start: START, stepMs: HOUR, price: 30_000 });
  const future = randomWalkCandles({
    count: COUNT - t - 1,
    sigma: otherSigma,
    drift: otherDrift,
    seed: otherSeed,
    start: base[t]!.openTime + HOUR,
    stepMs: HOUR,
    price: base[t]!.close,
  });
  return [base, [...base.slice(0, t + 1), ...future]];
}

/** The 4h candles closed by the close of 1h candle `i` (what a live cycle would have fetched). */
function regimeWindow(candles: readonly Candle[]): (i: number) => readonly Candle[] {
  const h4 = aggregateCandles(candles, '1h', '4h');
  return (i) => {
    const now = candles[i]!.openTime + HOUR;
    return h4.filter((c) => c.openTime + 4 * HOUR <= now).slice(-200);
  };
}

const arbitraryCase = fc.record({
  name: fc.constantFrom(...knownStrategyNames()),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  otherSeed: fc.integer({ min: 1, max: 1_000_000 }),
  t: fc.integer({ min: 0, max: COUNT - 2 }),
  sigma: fc.double({ min: 0.002, max: 0.02, noNaN: true }),
  otherSigma: fc.double({ min: 0.002, max: 0.04, noNaN: true }),
  otherDrift: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
});

describe('no strategy looks ahead', () => {
  it('a decision on candle t (signal, reason and inputs) never changes when the candles after t change (property)', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ name, seed, otherSeed, t, sigma, otherSigma, otherDrift }) => {
        const [a, b] = markets(seed, otherSeed, t, sigma, otherSigma, otherDrift);
        const run = (candles: Candle[]) =>
          simulate(createStrategy(name, {}, settings), candles, '1h', { window: 200, regimeCandles: regimeWindow(candles) }).signals;
        expect(run(b).slice(0, t + 1)).toEqual(run(a).slice(0, t + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('fed by the backtest replay (1h closes, 4h candles shown as they close), every decision up to candle t is the same whatever follows (property)', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ name, seed, otherSeed, t, sigma, otherSigma, otherDrift }) => {
        const [a, b] = markets(seed, otherSeed, t, sigma, otherSigma, otherDrift);
        const run = (candles: Candle[]): Signal[] => {
          const feed = new ReplayFeed({ '1h': candles, '4h': aggregateCandles(candles, '1h', '4h') }, '1h');
          const strategy = createStrategy(name, {}, settings);
          const account: SimulatedAccount = { base: 0, quote: 10_000 };
          const signals: Signal[] = [];
          for (let i = 0; i <= t; i++) {
            const now = feed.advance(i);
            const market = feed.snapshot(now);
            const context = buildContext(market.candles, '1h', {
              now,
              price: market.price,
              baseBalance: account.base,
              quoteBalance: account.quote,
              equity: account.quote + account.base * market.price,
              position: { quantity: account.base, avgEntryPrice: 0 },
            });
            const signal = strategy.evaluate(context);
            signals.push(signal);
            fill(strategy, signal, context, account);
          }
          return signals;
        };
        expect(run(b)).toEqual(run(a));
      }),
      { numRuns: 60 },
    );
  });

  it('through the whole backtest cycle (risk engine, paper broker), the orders up to candle t are the same whatever follows (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCase, async ({ name, seed, otherSeed, t, sigma, otherSigma, otherDrift }) => {
        const [a, b] = markets(seed, otherSeed, t, sigma, otherSigma, otherDrift);
        const closeOfT = a[t]!.openTime + HOUR;
        const orders = async (candles: Candle[]) => {
          const result = await runBacktest({
            candles: { '1h': candles, '4h': aggregateCandles(candles, '1h', '4h') },
            settings,
            strategy: name,
            filters: BTC_FILTERS,
            startingEquity: 10_000,
            riskLimits: {
              orderSizePct: 10,
              maxPositionPct: 50,
              maxOrderNotional: 1_000,
              maxOpenOrders: 10,
              dailyLossLimitPct: 0,
              maxDrawdownPct: 0,
              maxDataAgeSeconds: 0,
              takerFeePct: 0.1,
              makerFeePct: 0.1,
              slippageBps: 5,
            },
            paper: { filters: BTC_FILTERS, slippageBps: 5, makerFeePct: 0.1, takerFeePct: 0.1, maxFillSharePct: 10 },
          });
          return result.orders
            .filter((o) => o.createdAt <= closeOfT)
            .map((o) => ({ at: o.createdAt, side: o.side, quantity: o.quantity, tag: o.tag, reason: o.reason, status: o.status }));
        };
        expect(await orders(b)).toEqual(await orders(a));
      }),
      { numRuns: 12 },
    );
  });
});
