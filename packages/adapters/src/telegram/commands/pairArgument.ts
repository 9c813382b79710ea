import { exchangeSymbol } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import type { TelegramServices } from './types.js';

const PAIR = /^[A-Za-z0-9]{2,12}\/[A-Za-z0-9]{2,12}$/;

/**
 * A command's leading pair, if it names one: "/pause ETH/USDT news" → ETH/USDT and "news";
 * "/pause lunch break" → no pair and "lunch break". Lower case is accepted (eth/usdt), and so is a
 * traded pair in the exchange's spelling (ETHUSDT, ethusdt): read as a reason, "/resume ETHUSDT"
 * resumed the whole account when the operator meant one pair. A word shaped like a pair that is not
 * traded is refused (ValidationError naming `symbol`), so a typo never acts on the whole account instead.
 */
export function pairArgument(services: Pick<TelegramServices, 'control'>, args: string): { symbol: string | null; rest: string } {
  const trimmed = args.trim();
  const [first = '', ...words] = trimmed.split(/\s+/);
  const traded = services.control.status().pairs.map((p) => p.symbol);
  const spelled = traded.find((p) => exchangeSymbol(p) === first.toUpperCase());
  if (spelled) return { symbol: spelled, rest: words.join(' ') };
  if (!PAIR.test(first)) return { symbol: null, rest: trimmed };
  const symbol = first.toUpperCase();
  if (!traded.includes(symbol))
    throw new ValidationError(`${symbol} is not one of the traded pairs (${traded.join(', ')})`, 'symbol', { symbol });
  return { symbol, rest: words.join(' ') };
}
