import { z } from 'zod';
import type { Order } from '../domain/orders.js';
import { dec } from '../money/decimal.js';

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
  /**
   * Fills so far of each partly filled resting order, by client order id (the next one's trade id
   * is `<clientOrderId>-T<n + 1>`). Absent when no resting order is partly filled.
   */
  readonly fillCounts?: Readonly<Record<string, number>>;
}

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, { error: 'expected a non-negative decimal string' });

const orderFields = z.object({
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

/** A resting order: partly filled at most (a filled order no longer rests), its status saying which. */
const orderSchema = orderFields.superRefine((o, ctx) => {
  const filled = dec(o.filledQuantity);
  if (!filled.lt(o.quantity))
    ctx.addIssue({ code: 'custom', path: ['filledQuantity'], message: `a resting order has filled less than its quantity ${o.quantity}` });
  else if (filled.gt(0) !== (o.status === 'PARTIALLY_FILLED'))
    ctx.addIssue({ code: 'custom', path: ['status'], message: `${o.status} does not match filledQuantity ${o.filledQuantity}` });
});

const fillCountsSchema = z.record(z.string(), z.number().int().positive()).optional();

/** Every partly filled order has its fill count and every count belongs to one (trade ids stay unique after a restart). */
function checkFillCounts(
  part: { readonly orders: readonly { clientOrderId: string; filledQuantity: string }[]; readonly fillCounts?: Record<string, number> },
  ctx: z.RefinementCtx,
): void {
  const counts = part.fillCounts ?? {};
  const partly = new Set(part.orders.filter((o) => dec(o.filledQuantity).gt(0)).map((o) => o.clientOrderId));
  for (const id of partly)
    if (counts[id] === undefined)
      ctx.addIssue({ code: 'custom', path: ['fillCounts'], message: `no fill count for partly filled order ${id}` });
  for (const id of Object.keys(counts))
    if (!partly.has(id)) ctx.addIssue({ code: 'custom', path: ['fillCounts', id], message: `no partly filled resting order ${id}` });
}

const balanceSchema = z.object({ free: decimalString, locked: decimalString });

export const paperAccountStateSchema = z
  .object({
    version: z.literal(1),
    symbol: z.string(),
    base: balanceSchema,
    quote: balanceSchema,
    orders: z.array(orderSchema),
    fillCounts: fillCountsSchema,
  })
  .superRefine(checkFillCounts);

/** One pair's part of a paper portfolio: its base balance and its resting orders. */
export interface PaperPairState {
  readonly symbol: string;
  readonly base: { readonly free: string; readonly locked: string };
  readonly orders: readonly Order[];
  /** As `PaperAccountState.fillCounts`, for this pair's resting orders. */
  readonly fillCounts?: Readonly<Record<string, number>>;
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
  pairs: z.array(
    z
      .object({ symbol: z.string(), base: balanceSchema, orders: z.array(orderSchema), fillCounts: fillCountsSchema })
      .superRefine(checkFillCounts),
  ),
});
