import type { SymbolFilters } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';
import { type Dec, dec } from '../money/decimal.js';
import { meetsMinimums, quantizeQuantity } from '../money/filters.js';

/**
 * The paper venue's partial-fill model (TRADING_PAPER_MAX_FILL_SHARE_PCT): a candle's traded volume
 * is all the liquidity a resting limit order could have met, and only part of it traded at or
 * through the order's price, behind other orders queued there first. So the resting orders of a
 * pair may fill, together and oldest first, at most `sharePct` % of the base volume traded since
 * the previous tick; what is left rests (PARTIALLY_FILLED) for the next candles.
 *
 * - Each piece is floored to the LOT_SIZE step, so every fill and every remainder stays on it.
 * - A piece that would leave a remainder is filled only when it meets minQty and the minimum
 *   notional (the order's own filters): otherwise nothing fills that candle and the order waits
 *   for a candle with more volume. No dust fills, each paying a fee rounded up to 10^-8. The last
 *   piece — the whole remainder — always fills, whatever its size: the order was valid when
 *   placed, and refusing its tail would leave it resting forever.
 * - `sharePct` 0 turns the cap off: a crossed order fills in full on the candle that crosses it
 *   (the model before partial fills; optimistic for large orders in thin markets). 100 lets the
 *   orders take the candle's whole volume.
 */
export class FillCapacityModel {
  readonly #share: Dec | null;

  /** @throws ValidationError (field TRADING_PAPER_MAX_FILL_SHARE_PCT) outside 0–100. */
  constructor(sharePct: number) {
    if (!Number.isFinite(sharePct) || sharePct < 0 || sharePct > 100)
      throw new ValidationError(`the paper fill share must be 0–100 percent, got ${sharePct}`, 'TRADING_PAPER_MAX_FILL_SHARE_PCT');
    this.#share = sharePct === 0 ? null : dec(sharePct).div(100);
  }

  /**
   * The base quantity a tick's `volume` (base asset) lets resting orders fill, on the step; null
   * when uncapped. A volume that is not a positive finite number (no candle closed, bad data) lets
   * nothing fill: nothing is known to have traded.
   */
  capacity(volume: number, filters: SymbolFilters): Dec | null {
    if (this.#share === null) return null;
    if (!(volume > 0) || !Number.isFinite(volume)) return dec(0);
    return quantizeQuantity(dec(volume).mul(this.#share), filters);
  }
}

/**
 * The piece of an order's `remaining` quantity that fills at `price` from `capacity` (null: no cap):
 * the remainder when it fits, else the capacity when it meets the minimums, else zero.
 */
export function fillPiece(remaining: Dec, capacity: Dec | null, price: Dec, filters: SymbolFilters): Dec {
  if (capacity === null || capacity.gte(remaining)) return remaining;
  return meetsMinimums(capacity, price, filters, 'LIMIT') ? capacity : dec(0);
}
