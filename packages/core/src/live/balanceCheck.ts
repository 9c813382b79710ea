import { dec, decStr } from '../money/decimal.js';

export interface BalanceComparison {
  readonly ok: boolean;
  /** Base the bot expects the account to hold: the baseline (held before Warden traded) plus its position. */
  readonly expected: string;
  readonly actual: string;
  readonly differencePct: number;
}

/**
 * Compares the exchange's base balance (free + locked) with what the database says the bot holds.
 * A deposit, a withdrawal, a trade by hand or a fill the bot missed all show up as a difference;
 * beyond the tolerance trading must pause until an operator looks. Differences smaller than one lot
 * step are rounding, not a mismatch.
 */
export function compareBaseBalance(expected: string, actual: string, tolerancePct: number, stepSize: string): BalanceComparison {
  const e = dec(expected);
  const a = dec(actual);
  const diff = a.minus(e).abs();
  const scale = e.abs().gt(a.abs()) ? e.abs() : a.abs();
  const differencePct = scale.isZero() ? 0 : diff.div(scale).mul(100).toNumber();
  const ok = diff.lt(dec(stepSize)) || differencePct <= tolerancePct;
  return { ok, expected: decStr(e), actual: decStr(a), differencePct };
}

/** The base the account held before the bot's recorded position: fixed once, at the first live reconciliation. */
export function baselineFrom(exchangeBaseTotal: string, positionQuantity: string): string {
  return decStr(dec(exchangeBaseTotal).minus(dec(positionQuantity)));
}

export function expectedBase(baseline: string, positionQuantity: string): string {
  return decStr(dec(baseline).plus(dec(positionQuantity)));
}
