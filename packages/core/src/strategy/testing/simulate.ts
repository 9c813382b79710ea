import type { Candle, Timeframe } from '../../domain/market.js';
import type { Fill } from '../../domain/orders.js';
import type { Signal } from '../../domain/signal.js';
import type { Strategy, StrategyContext } from '../types.js';
import { buildContext } from './contextBuilder.js';

export interface SimulatedAccount {
  base: number;
  quote: number;
}

/**
 * A minimal stand-in for the cycle in strategy tests: one evaluate per primary candle close over a
 * sliding window, every BUY/SELL filled at once at the close (no fees), onFill called with the tag.
 */
export function simulate(
  strategy: Strategy,
  candles: readonly Candle[],
  primary: Timeframe,
  options: {
    window?: number;
    from?: number;
    to?: number;
    account?: SimulatedAccount;
    regimeCandles?: (i: number) => readonly Candle[];
    /** As a backtest does (false): HOLDs may come without inputs. */
    explainHolds?: boolean;
  } = {},
): { signals: Signal[]; account: SimulatedAccount; contexts: StrategyContext[] } {
  const window = options.window ?? 300;
  const account = options.account ?? { base: 0, quote: 10_000 };
  const signals: Signal[] = [];
  const contexts: StrategyContext[] = [];
  for (let i = options.from ?? 0; i < (options.to ?? candles.length); i++) {
    const slice = candles.slice(Math.max(0, i - window + 1), i + 1);
    const byTimeframe: Partial<Record<Timeframe, readonly Candle[]>> = { [primary]: slice };
    if (options.regimeCandles) byTimeframe['4h'] = options.regimeCandles(i);
    const price = slice[slice.length - 1]!.close;
    const context = buildContext(byTimeframe, primary, {
      baseBalance: account.base,
      quoteBalance: account.quote,
      equity: account.quote + account.base * price,
      position: { quantity: account.base, avgEntryPrice: 0 },
      explainHolds: options.explainHolds ?? true,
    });
    const signal = strategy.evaluate(context);
    signals.push(signal);
    contexts.push(context);
    if (signal.action !== 'HOLD') fill(strategy, signal, context, account);
  }
  return { signals, account, contexts };
}

export function fill(strategy: Strategy, signal: Signal, context: StrategyContext, account: SimulatedAccount): void {
  if (signal.action === 'HOLD') return;
  // Unsized signals (the classic strategies) leave sizing to the risk engine: buy 1,000 quote, sell everything.
  const unsized = signal.action === 'BUY' ? 1000 / context.price : account.base;
  const quantity = signal.baseQuantity ?? (signal.quoteAmount !== undefined ? signal.quoteAmount / context.price : unsized);
  if (signal.action === 'BUY') {
    account.base += quantity;
    account.quote -= quantity * context.price;
  } else {
    account.base -= quantity;
    account.quote += quantity * context.price;
  }
  const f: Fill = {
    tradeId: String(context.now),
    clientOrderId: `c${context.now}`,
    symbol: context.symbol,
    side: signal.action,
    price: String(context.price),
    quantity: String(quantity),
    quoteQuantity: String(quantity * context.price),
    fee: '0',
    feeAsset: 'USDT',
    liquidity: 'taker',
    time: context.now,
  };
  strategy.onFill?.(f, signal.tag ?? null);
}
