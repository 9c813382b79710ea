import { APPROVAL_STATUSES } from '@warden/core/domain/approval';
import { TIMEFRAMES } from '@warden/core/domain/market';
import { ORDER_STATUSES } from '@warden/core/domain/orders';
import { TRADING_STATES } from '@warden/core/state/tradingState';
import { z } from 'zod';

/**
 * Response schemas of the domain's read models. They mirror core's types; the serializer checks
 * every response against them (and drops fields not listed, so nothing leaks by accident).
 */

const decimal = z.string().describe('exact decimal string');
const ms = z.number().describe('ms since epoch (UTC)');

export const candleSchema = z
  .object({ openTime: ms, open: z.number(), high: z.number(), low: z.number(), close: z.number(), volume: z.number() })
  .meta({ id: 'Candle' });

export const orderSchema = z
  .object({
    clientOrderId: z.string(),
    exchangeOrderId: z.string().nullable(),
    symbol: z.string(),
    side: z.enum(['BUY', 'SELL']),
    type: z.enum(['MARKET', 'LIMIT']),
    status: z.enum(ORDER_STATUSES),
    quantity: decimal,
    price: decimal.nullable(),
    filledQuantity: decimal,
    avgFillPrice: decimal.nullable(),
    mode: z.enum(['paper', 'live']),
    cycleId: z.string().nullable(),
    reason: z.string(),
    tag: z.string().nullable(),
    createdAt: ms,
    updatedAt: ms,
  })
  .meta({ id: 'Order' });

export const fillSchema = z
  .object({
    tradeId: z.string(),
    clientOrderId: z.string(),
    symbol: z.string(),
    side: z.enum(['BUY', 'SELL']),
    price: decimal,
    quantity: decimal,
    quoteQuantity: decimal,
    fee: decimal,
    feeAsset: z.string(),
    liquidity: z.enum(['maker', 'taker']),
    time: ms,
  })
  .meta({ id: 'Fill' });

export const positionSchema = z
  .object({ symbol: z.string(), quantity: decimal, avgEntryPrice: decimal, realizedPnl: decimal, updatedAt: ms })
  .meta({ id: 'Position' });

export const equitySchema = z
  .object({
    time: ms,
    cycleId: z.string().nullable(),
    symbol: z
      .string()
      .nullable()
      .describe("the pair whose cycle wrote the row (equity and quote are the account's); null: written before several pairs"),
    equity: decimal,
    quoteBalance: decimal,
    baseBalance: decimal,
    price: decimal,
    unrealizedPnl: decimal,
    realizedPnl: decimal,
  })
  .meta({ id: 'EquitySnapshot' });

export const metricsSchema = z
  .object({
    time: ms,
    cycleId: z.string().nullable(),
    symbol: z.string().nullable().describe('the pair whose cycle wrote the row; null: written before several pairs'),
    totalReturnPct: z.number(),
    maxDrawdownPct: z.number(),
    winRate: z.number(),
    profitFactor: z.number().nullable(),
    sharpe: z.number().nullable(),
    feesPaid: z.number(),
    tradeCount: z.number(),
    exposurePct: z.number(),
  })
  .meta({ id: 'MetricsSnapshot' });

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    time: ms,
    type: z.string(),
    actor: z.string().describe('system, user:<name>, advisor, telegram:<chat>'),
    reason: z.string(),
    inputs: z.unknown(),
    outcome: z.string(),
    correlationId: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

const paramValues = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));
const whatIfSide = z.object({ returnPct: z.number(), maxDrawdownPct: z.number(), trades: z.number() });
const walkForwardPart = z.object({ returnPct: z.number(), maxDrawdownPct: z.number(), score: z.number(), trades: z.number() });
const walkForwardSide = z.object({ inSample: walkForwardPart, outOfSample: walkForwardPart });

export const approvalSchema = z
  .object({
    id: z.number().int(),
    createdAt: ms,
    expiresAt: ms,
    status: z.enum(APPROVAL_STATUSES),
    change: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('params'), strategy: z.string(), before: paramValues, after: paramValues }),
      z.object({ kind: z.literal('strategy'), fromStrategy: z.string(), toStrategy: z.string(), params: paramValues }),
    ]),
    reason: z.string(),
    source: z.string(),
    whatIf: z.object({ candles: z.number(), current: whatIfSide, proposed: whatIfSide }).nullable(),
    walkForward: z
      .object({
        candles: z.number(),
        inSampleCandles: z.number(),
        outOfSampleCandles: z.number(),
        current: walkForwardSide,
        proposed: walkForwardSide,
        proposedBeatsCurrent: z.boolean(),
      })
      .nullable(),
    symbol: z.string().nullable().describe('the pair the change is for; null: made before several pairs (it applies to the legacy pair)'),
    decidedBy: z.string().nullable(),
    decidedAt: ms.nullable(),
    comment: z.string().nullable(),
  })
  .meta({ id: 'Approval' });

export const timeframeSchema = z.enum(TIMEFRAMES);

export const pairStatusSchema = z
  .object({
    symbol: z.string(),
    strategy: z.string(),
    state: z.enum(TRADING_STATES).describe("what the pair's cycle sees: the account's state, or PAUSED when this pair is paused"),
    paused: z.boolean().describe('an operator paused this pair'),
    dataReady: z.boolean(),
  })
  .meta({ id: 'PairStatus' });

export const systemStatusSchema = z
  .object({
    state: z.enum(TRADING_STATES),
    schedulerRunning: z.boolean(),
    mode: z.enum(['paper', 'live']),
    symbol: z.string().describe('the first traded pair; every pair is in `pairs`'),
    strategy: z.string().describe("the first pair's strategy"),
    timeframes: z.array(timeframeSchema).readonly(),
    dataReady: z.boolean(),
    pairs: z.array(pairStatusSchema).readonly().describe('every traded pair, in TRADING_SYMBOLS order'),
    dataReadiness: z
      .array(
        // The optional field last: fast-json-stringify writes optional properties after the required ones.
        z.object({
          timeframe: timeframeSchema,
          required: z.number(),
          available: z.number(),
          ready: z.boolean(),
          symbol: z.string().optional().describe('the pair (set when several pairs are traded)'),
        }),
      )
      .readonly(),
    lastCycleAt: ms.nullable(),
    lastCycleId: z.string().nullable(),
    cycleCount: z.number().int(),
    lastError: z.string().nullable(),
    version: z.string(),
    startedAt: ms,
    serverTime: ms,
  })
  .meta({ id: 'SystemStatus' });
