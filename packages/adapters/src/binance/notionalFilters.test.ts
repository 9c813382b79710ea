import { DEFAULT_SYMBOLS, type FakeNotionalFilter } from '@warden/testkit/fakeBinance/exchangeInfo';
import { recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BinanceCandleSource } from './binanceCandleSource.js';
import { createBinanceExchange } from './binanceExchange.js';
import { RequestGovernor } from './requestGovernor.js';

const BTC = DEFAULT_SYMBOLS[0];
let fake: FakeBinance | undefined;
afterEach(async () => fake?.close());

/** The filters Warden reads from a fake exchange whose BTCUSDT lists these notional filters. */
async function filtersFor(notional: FakeNotionalFilter | readonly FakeNotionalFilter[]) {
  if (!BTC) throw new Error('no BTCUSDT spec');
  fake = await startFakeBinance({ candles: recordedMarket(), marketTime: 0, symbols: [{ ...BTC, notional }] });
  const governor = new RequestGovernor({ baseDelayMs: 10 });
  const source = new BinanceCandleSource(
    createBinanceExchange({ baseUrl: fake.url, onResponse: (s, h) => governor.observe(s, h) }),
    governor,
  );
  const f = await source.fetchFilters('BTC/USDT');
  return {
    minNotional: f.minNotional,
    maxNotional: f.maxNotional,
    applyMinToMarket: f.applyMinToMarket,
    applyMaxToMarket: f.applyMaxToMarket,
  };
}

describe('exchangeInfo notional filters → SymbolFilters, flags included (filters.md)', () => {
  it('NOTIONAL only: both bounds and both MARKET flags as listed', async () => {
    expect(
      await filtersFor({
        filterType: 'NOTIONAL',
        minNotional: '5.00000000',
        maxNotional: '9000000.00000000',
        applyMinToMarket: true,
        applyMaxToMarket: false,
      }),
    ).toEqual({ minNotional: '5', maxNotional: '9000000', applyMinToMarket: true, applyMaxToMarket: false });
    await fake?.close();
    expect(
      await filtersFor({
        filterType: 'NOTIONAL',
        minNotional: '5.00000000',
        maxNotional: '1000.00000000',
        applyMinToMarket: false,
        applyMaxToMarket: true,
      }),
    ).toEqual({ minNotional: '5', maxNotional: '1000', applyMinToMarket: false, applyMaxToMarket: true });
  });

  it('legacy MIN_NOTIONAL only: a minimum with applyToMarket, no maximum', async () => {
    expect(await filtersFor({ filterType: 'MIN_NOTIONAL', minNotional: '0.00010000', applyToMarket: false })).toEqual({
      minNotional: '0.0001',
      maxNotional: null,
      applyMinToMarket: false,
      applyMaxToMarket: true,
    });
  });

  it('both: the larger minimum binds; MARKET orders get it when either filter applies its minimum to them', async () => {
    expect(
      await filtersFor([
        {
          filterType: 'NOTIONAL',
          minNotional: '5.00000000',
          maxNotional: '1000.00000000',
          applyMinToMarket: false,
          applyMaxToMarket: false,
        },
        { filterType: 'MIN_NOTIONAL', minNotional: '10.00000000', applyToMarket: true },
      ]),
    ).toEqual({ minNotional: '10', maxNotional: '1000', applyMinToMarket: true, applyMaxToMarket: false });
    await fake?.close();
    expect(
      await filtersFor([
        {
          filterType: 'NOTIONAL',
          minNotional: '5.00000000',
          maxNotional: '1000.00000000',
          applyMinToMarket: false,
          applyMaxToMarket: true,
        },
        { filterType: 'MIN_NOTIONAL', minNotional: '10.00000000', applyToMarket: false },
      ]),
    ).toEqual({ minNotional: '10', maxNotional: '1000', applyMinToMarket: false, applyMaxToMarket: true });
  });

  it('disabled limits: zero bounds, or no notional filter at all, become no bound', async () => {
    expect(await filtersFor({ filterType: 'NOTIONAL', minNotional: '0.00000000', maxNotional: '0.00000000' })).toEqual({
      minNotional: '0',
      maxNotional: null,
      applyMinToMarket: true,
      applyMaxToMarket: false,
    });
    await fake?.close();
    expect(await filtersFor([])).toEqual({ minNotional: '0', maxNotional: null, applyMinToMarket: true, applyMaxToMarket: true });
  });
});
