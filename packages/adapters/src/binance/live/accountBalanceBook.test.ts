import { describe, expect, it } from 'vitest';
import { AccountBalanceBook } from './accountBalanceBook.js';

describe('the account balance book shared by the pairs of one account', () => {
  it('answers every asset from the last read, and zero for an asset the read did not list', () => {
    const book = new AccountBalanceBook();
    expect(book.of('USDT')).toEqual({ asset: 'USDT', free: '0', locked: '0' });
    expect(book.readAt).toBeNull();
    book.update(
      [
        { asset: 'USDT', free: '5000.00000000', locked: '12.50000000' },
        { asset: 'ETH', free: '2.16820000', locked: '0.00000000' },
      ],
      1_000,
    );
    expect(book.of('USDT')).toEqual({ asset: 'USDT', free: '5000', locked: '12.5' });
    expect(book.of('ETH')).toEqual({ asset: 'ETH', free: '2.1682', locked: '0' });
    expect(book.of('BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0' });
    expect(book.readAt).toBe(1_000);
  });

  it('replaces the whole book on each read: an asset sold out since is zero, not its old amount', () => {
    const book = new AccountBalanceBook();
    book.update([{ asset: 'ETH', free: '2', locked: '0' }], 1_000);
    book.update([{ asset: 'USDT', free: '9000', locked: '0' }], 2_000);
    expect(book.of('ETH')).toEqual({ asset: 'ETH', free: '0', locked: '0' });
    expect(book.of('USDT').free).toBe('9000');
  });
});
