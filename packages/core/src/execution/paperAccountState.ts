import { z } from 'zod';
import type { Order } from '../domain/orders.js';

/**
 * The paper account as persisted in the `config` table (key `paper.account`) in the same
 * transaction as each cycle, so a restart continues with exactly these balances and resting orders.
 */
export interface PaperAccountState {
  readonly version: 1;
  readonly symbol: string;
  readonly base: { readonly free: string; readonly locked: string };
  readonly quote: { readonly free: string; readonly locked: string };
  /** Resting limit orders, oldest first (matching order is placement order). */
  readonly orders: readonly Order[];
}

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, { error: 'expected a non-negative decimal string' });

const orderSchema = z.object({
  clientOrderId: z.string().min(1),
  exchangeOrderId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['BUY', 'SELL']),
  type: z.enum(['MARKET', 'LIMIT']),
  status: z.enum(['NEW', 'PARTIALLY_FILLED']),
  quantity: decimalString,
  price: decimalString,
  filledQuantity: decimalString,
  avgFillPrice: decimalString.nullable(),
  mode: z.literal('paper'),
  cycleId: z.string().nullable(),
  reason: z.string(),
  tag: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const balanceSchema = z.object({ free: decimalString, locked: decimalString });

export const paperAccountStateSchema = z.object({
  version: z.literal(1),
  symbol: z.string(),
  base: balanceSchema,
  quote: balanceSchema,
  orders: z.array(orderSchema),
});

/** One pair's part of a paper portfolio: its base balance and its resting orders. */
export interface PaperPairState {
  readonly symbol: string;
  readonly base: { readonly free: string; readonly locked: string };
  readonly orders: readonly Order[];
}

/**
 * A paper portfolio (several pairs sharing one quote balance), persisted under `paper.account` like
 * the single-pair account it replaces (version 1 reads as a portfolio of that one pair).
 */
export interface PaperPortfolioState {
  readonly version: 2;
  readonly quoteAsset: string;
  readonly quote: { readonly free: string; readonly locked: string };
  readonly pairs: readonly PaperPairState[];
}

export const paperPortfolioStateSchema = z.object({
  version: z.literal(2),
  quoteAsset: z.string().min(1),
  quote: balanceSchema,
  pairs: z.array(z.object({ symbol: z.string(), base: balanceSchema, orders: z.array(orderSchema) })),
});
