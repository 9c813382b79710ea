import { describe, expect, it } from 'vitest';
import { useRuntimeTestbed } from './runtimeTestbed.js';

// The fake exchange lists BTC/USDT only; XRP/USDT answers Binance's -1121 "Invalid symbol".
const testbed = useRuntimeTestbed();

describe('a traded pair the exchange does not list', { timeout: 300_000 }, () => {
  it('refuses to start, naming TRADING_SYMBOLS and that pair, instead of retrying forever as an outage', async () => {
    const started = testbed.boot({ env: { TRADING_SYMBOLS: 'BTC/USDT,XRP/USDT' } });
    await expect(started).rejects.toThrow(/TRADING_SYMBOLS: the exchange does not list XRP\/USDT/);
    await expect(started).rejects.not.toThrow(/does not list BTC\/USDT/);
  });
});
