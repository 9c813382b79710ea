import type { ActorRef } from '@warden/core/app/services';
import { ValidationError } from '@warden/core/errors/errors';
import type { ManualLiveOrderResult } from '@warden/core/live/manualLiveOrder';

/** One pair's manual-order desk (its `ManualLiveOrders`), or null while the exchange is not connected. */
export type ManualOrderDesk = { place(input: unknown, actor: ActorRef): Promise<ManualLiveOrderResult> } | null;

/**
 * Routes `POST /api/live/orders` to the live trading of the pair the body names (`symbol`, e.g.
 * `ETH/USDT`). With one traded pair the symbol may be left out; with several it is required, so an
 * order never lands on a pair the operator did not mean. Each pair's desk then runs its own checks
 * (schema, risk engine, the pair's exchange filters, audit).
 *
 * @param symbols the traded pairs, in TRADING_SYMBOLS order.
 * @param desk the named pair's desk; null while the exchange is not connected.
 * @throws ValidationError (field `symbol`) for a missing symbol with several pairs or a pair not traded.
 * @throws whatever `notConnected()` returns when the pair's desk is not there yet.
 */
export function routeManualOrder(
  input: unknown,
  actor: ActorRef,
  symbols: readonly string[],
  desk: (symbol: string) => ManualOrderDesk,
  notConnected: () => Error,
): Promise<ManualLiveOrderResult> {
  const named =
    typeof input === 'object' && input !== null && 'symbol' in input && typeof input.symbol === 'string' ? input.symbol : undefined;
  if (named === undefined && symbols.length > 1)
    return Promise.reject(new ValidationError(`symbol is required when several pairs are traded (${symbols.join(', ')})`, 'symbol'));
  const symbol = named ?? (symbols[0] as string);
  if (!symbols.includes(symbol))
    return Promise.reject(new ValidationError(`${symbol} is not one of the traded pairs (${symbols.join(', ')})`, 'symbol'));
  const target = desk(symbol);
  return target ? target.place(input, actor) : Promise.reject(notConnected());
}
