import { type Dec, dec } from '@warden/core/money/decimal';

/** Free and locked balances per asset, exact decimals, never negative. */
export class FakeAccount {
  private readonly free = new Map<string, Dec>();
  private readonly locked = new Map<string, Dec>();

  constructor(initial: Readonly<Record<string, string>>) {
    for (const [asset, amount] of Object.entries(initial)) this.free.set(asset, dec(amount));
  }

  freeOf(asset: string): Dec {
    return this.free.get(asset) ?? dec(0);
  }

  lockedOf(asset: string): Dec {
    return this.locked.get(asset) ?? dec(0);
  }

  /** Sets a balance directly (a deposit or withdrawal the bot did not make). */
  set(asset: string, free: string): void {
    this.free.set(asset, dec(free));
  }

  lock(asset: string, amount: Dec): void {
    this.free.set(asset, this.freeOf(asset).minus(amount));
    this.locked.set(asset, this.lockedOf(asset).plus(amount));
  }

  unlock(asset: string, amount: Dec): void {
    this.locked.set(asset, this.lockedOf(asset).minus(amount));
    this.free.set(asset, this.freeOf(asset).plus(amount));
  }

  /** Moves `amount` out of the locked (or free) balance of `asset`. */
  debit(asset: string, amount: Dec, fromLocked: boolean): void {
    if (fromLocked) this.locked.set(asset, this.lockedOf(asset).minus(amount));
    else this.free.set(asset, this.freeOf(asset).minus(amount));
  }

  credit(asset: string, amount: Dec): void {
    this.free.set(asset, this.freeOf(asset).plus(amount));
  }

  /** `GET /api/v3/account` balances, 8 decimals as Binance sends them. */
  wire(): Array<{ asset: string; free: string; locked: string }> {
    const assets = new Set([...this.free.keys(), ...this.locked.keys()]);
    return [...assets].sort().map((asset) => ({ asset, free: this.freeOf(asset).toFixed(8), locked: this.lockedOf(asset).toFixed(8) }));
  }
}
