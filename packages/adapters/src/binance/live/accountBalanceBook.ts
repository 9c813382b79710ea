import { decStr } from '@warden/core/money/decimal';
import type { AssetBalance } from '@warden/core/ports/broker';

/** One asset as Binance's `GET /api/v3/account` lists it (`balances[]`: decimal strings). */
export interface RawAssetBalance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/**
 * The exchange account's balances as last read, shared by every pair's live broker: several pairs
 * trade one account, so a read by any of them updates what all of them see. Without it each pair
 * kept its own two assets from its own last read, and between a fill and that pair's next read the
 * account looked as if the quote had been spent on nothing (quote from a fresh read, base from a
 * stale one): a drop in equity by the fill's value, enough to trip the daily-loss or drawdown stop.
 */
export class AccountBalanceBook {
  #assets = new Map<string, AssetBalance>();
  #readAt: number | null = null;

  /** Replaces the whole book with one read of the account (assets absent from it hold zero). */
  update(balances: readonly RawAssetBalance[], readAt: number): void {
    const next = new Map<string, AssetBalance>();
    for (const b of balances) next.set(b.asset, { asset: b.asset, free: decStr(b.free), locked: decStr(b.locked) });
    this.#assets = next;
    this.#readAt = readAt;
  }

  /** `asset`'s free and locked amounts (base units of that asset, decimal strings) at the last read. */
  of(asset: string): AssetBalance {
    return this.#assets.get(asset) ?? { asset, free: '0', locked: '0' };
  }

  /** When the book was last read (ms since epoch; null before the first read). */
  get readAt(): number | null {
    return this.#readAt;
  }
}
