import { type CandleGapReport, describeGap } from '../data/candleGaps.js';
import type { Fill, Order } from '../domain/orders.js';
import type { Notification } from '../ports/notifier.js';
import { formatPct, trimDecimal } from './format.js';

export function orderNotification(order: Order): Notification {
  const price = order.price === null ? 'market' : trimDecimal(order.price);
  const lines = [
    `Quantity: ${trimDecimal(order.quantity)} @ ${price}`,
    `Mode: ${order.mode}`,
    `Reason: ${order.reason}`,
    `Client id: ${order.clientOrderId}`,
  ];
  if (order.filledQuantity !== '0' && Number(order.filledQuantity) > 0) {
    lines.splice(1, 0, `Filled: ${trimDecimal(order.filledQuantity)}${order.avgFillPrice ? ` @ ${trimDecimal(order.avgFillPrice)}` : ''}`);
  }
  return {
    type: 'orders',
    title: `Order ${order.status}: ${order.side} ${order.symbol} (${order.type})`,
    lines,
    data: { clientOrderId: order.clientOrderId, status: order.status },
  };
}

export function fillNotification(fill: Fill): Notification {
  return {
    type: 'fills',
    title: `Filled: ${fill.side} ${trimDecimal(fill.quantity)} ${fill.symbol} @ ${trimDecimal(fill.price)}`,
    lines: [
      `Value: ${trimDecimal(fill.quoteQuantity)}`,
      `Fee: ${trimDecimal(fill.fee)} ${fill.feeAsset} (${fill.liquidity})`,
      `Order: ${fill.clientOrderId}`,
    ],
    data: { tradeId: fill.tradeId, clientOrderId: fill.clientOrderId },
  };
}

/**
 * Only blocks that say the account itself is in trouble are worth a message: drawdown and daily
 * loss limits. Routine blocks (size too small, cooldown, open-order cap) happen every few cycles
 * and would drown the chat, so they stay in the audit log.
 */
const MATTERING_BLOCK = /drawdown|daily_?loss/i;

export interface RiskBlock {
  readonly symbol: string;
  /** The risk engine's reason codes, e.g. MAX_DRAWDOWN, DAILY_LOSS_LIMIT. */
  readonly reasons: readonly string[];
  readonly drawdownPct?: number;
  readonly dailyLossPct?: number;
  readonly cycleId?: string | null;
}

/** Null when none of the reasons matters enough to notify. */
export function riskBlockNotification(block: RiskBlock): Notification | null {
  const mattering = block.reasons.filter((r) => MATTERING_BLOCK.test(r));
  if (mattering.length === 0) return null;
  const lines = [`Reasons: ${mattering.join(', ')}`];
  if (block.drawdownPct !== undefined) lines.push(`Drawdown: ${formatPct(-Math.abs(block.drawdownPct))}`);
  if (block.dailyLossPct !== undefined) lines.push(`Daily loss: ${formatPct(-Math.abs(block.dailyLossPct))}`);
  if (block.cycleId) lines.push(`Cycle: ${block.cycleId}`);
  return { type: 'risk', title: `Risk block on ${block.symbol}: trading held back`, lines, data: { reasons: mattering } };
}

/** A hole in the market data (an exchange outage): what is missing, the price move across it, and what Warden does. */
export function gapNotification(symbol: string, gap: CandleGapReport): Notification {
  return {
    type: 'errors',
    title: `Data gap on ${symbol} ${gap.timeframe}`,
    lines: [describeGap(gap), 'Indicators restart after the gap; the strategy holds until it has warmed up again.'],
    data: { timeframe: gap.timeframe, from: gap.from, to: gap.to, missing: gap.missing },
  };
}
