import { TRADING_STATES } from '@warden/core/state/tradingState';
import { z } from 'zod';
import { pageOf, pageQuery, timeRangeQuery } from '../../http/paging.js';

const ms = z.number().describe('ms since epoch (UTC)');
const decimal = z.string().describe('exact decimal string');

export const portfolioPairSchema = z
  .object({
    symbol: z.string(),
    strategy: z.string(),
    state: z.enum(TRADING_STATES),
    paused: z.boolean(),
    price: z.number().nullable().describe("price of the pair's latest equity snapshot; null before its first cycle"),
    baseBalance: z.number().describe('base asset held (free + locked)'),
    value: z.number().describe('baseBalance × price, in the quote asset'),
    allocationPct: z.number().describe('value / equity × 100'),
    realizedPnl: decimal,
    unrealizedPnl: decimal,
    trades: z.number().int().describe("closed trades (the pair's latest metrics snapshot)"),
    feesPaid: z.number().describe('fees paid, in the quote asset'),
    openOrders: z.number().int(),
  })
  .meta({ id: 'PortfolioPair' });

export const accountPerformanceSchema = z
  .object({
    startingEquity: z.number().describe('the equity returns are measured from (quote)'),
    returnPct: z.number().describe('(equity / startingEquity − 1) × 100'),
    peakEquity: z.number().describe('highest equity recorded (quote)'),
    drawdownPct: z.number().describe('(peak − equity) / peak × 100 now'),
    drawdownLimitPct: z.number().describe('RISK_MAX_DRAWDOWN_PCT (0: off)'),
    dayStartEquity: z.number().describe('equity at the first mark of the current UTC day (quote)'),
    dayPnl: z.number().describe('equity − dayStartEquity (quote)'),
    dayPnlPct: z.number().describe('dayPnl / dayStartEquity × 100'),
    dailyLossLimitPct: z.number().describe('RISK_DAILY_LOSS_LIMIT_PCT (0: off)'),
  })
  // Inline, not a named component: OpenAPI 3.0 cannot mark a $ref nullable.
  .describe("return, drawdown and today's P&L against the risk limits; null before the first snapshot");

export const portfolioSchema = z
  .object({
    quote: z.string().describe('the quote asset every pair shares'),
    equity: z.number().describe("the account's equity in the quote asset at the latest snapshot (0 before any)"),
    quoteBalance: z.number(),
    exposurePct: z.number().describe('Σ pair value / equity × 100'),
    time: ms.nullable().describe('time of the latest snapshot; null before the first cycle'),
    performance: accountPerformanceSchema.nullable(),
    pairs: z.array(portfolioPairSchema).readonly(),
  })
  .meta({ id: 'Portfolio' });

export const equityPointSchema = z
  .object({ time: ms, equity: z.number().describe("the account's equity in the quote asset after every pair of the tick ran") })
  .meta({ id: 'EquityPoint' });

export const portfolioEquityQuery = z.strictObject({ ...timeRangeQuery, ...pageQuery });
export const portfolioEquityPage = pageOf(equityPointSchema);
