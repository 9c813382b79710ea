import { type Dec, dec } from '../money/decimal.js';

/**
 * The quote asset's balance of a paper account, exact: free (spendable) and locked (reserved by
 * resting buys). One ledger per account: every pair of a portfolio holds the same instance, so an
 * order of one pair spends what the others then cannot — the shared budget is enforced by the
 * balance itself, never by a second bookkeeping. `total` is a float mirror for per-cycle marks.
 */
export class QuoteLedger {
  free: Dec;
  locked: Dec;
  total = 0;

  constructor(free: string | number | Dec, locked: string | number | Dec = 0) {
    this.free = dec(free);
    this.locked = dec(locked);
    this.refresh();
  }

  set(free: string | number | Dec, locked: string | number | Dec): void {
    this.free = dec(free);
    this.locked = dec(locked);
    this.refresh();
  }

  refresh(): void {
    this.total = this.free.plus(this.locked).toNumber();
  }
}
