import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBacktest } from '@warden/core/backtest/runBacktest';
import { parseConfig } from '@warden/core/config/parseConfig';
import { strategySettingsFromConfig } from '@warden/core/cycle/settings';
import { CandleDataError } from '@warden/core/data/candleValidation';
import type { Timeframe } from '@warden/core/domain/market';
import { paperBrokerOptionsFromConfig } from '@warden/core/execution/paperBroker';
import { assumeMarket } from '@warden/core/market/assumedMarket';
import { riskLimitsFromConfig } from '@warden/core/risk/riskLimits';
import { fixturePath } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBacktestData } from './backtestData.js';

const FOUR_HOURS = 4 * 3_600_000;
const tmp = makeTempDir('warden-backtest-data-');
afterAll(() => tmp.cleanup());

describe('loadBacktestData', () => {
  it('builds 4h candles from zone-less dates on 00/04/08/12/16/20 UTC, whatever the TZ', async () => {
    const data = await loadBacktestData([fixturePath('field-cases', 'naive.csv')], { defaultSymbol: 'BTC/USDT', timeframes: ['5m', '4h'] });
    const h4 = data.candles['4h'] ?? [];
    expect(h4.length).toBeGreaterThan(5);
    for (const c of h4) expect(c.openTime % FOUR_HOURS).toBe(0);
    expect(data.candles['5m']?.[0]?.openTime).toBe(Date.UTC(2024, 2, 30, 12));
    expect(data.timeNotations).toEqual(['iso-utc-assumed']);
  });

  it('picks TRADING_SYMBOL from a multi-pair file, refuses a pair it lacks, and reads BTCUSDT as BTC/USDT', async () => {
    const file = fixturePath('candles', 'octobot-binance-USDT-pairs-4h-2023-12-30_2024-03-22.csv');
    const request = { defaultSymbol: 'BTC/USDT', timeframes: ['4h'] as Timeframe[] };
    expect((await loadBacktestData([file], request)).symbol).toBe('BTC/USDT');
    expect((await loadBacktestData([file], { ...request, symbol: 'SOLUSDT' })).symbol).toBe('SOL/USDT');
    await expect(loadBacktestData([file], { ...request, symbol: 'XRP/USDT' })).rejects.toThrow(/no XRP\/USDT candles.*BTC\/USDT/);
    await expect(loadBacktestData([file], { ...request, defaultSymbol: 'XRP/USDT' })).rejects.toThrow(/several pairs/);
  });

  it('reports the gaps of the recorded series it uses (Binance’s Feb 2018 outage in the 4h file)', async () => {
    const data = await loadBacktestData([fixturePath('candles', 'octobot-binance-BTC_USDT-multi-timeframe-2018-04-28.csv')], {
      defaultSymbol: 'BTC/USDT',
      timeframes: ['5m', '4h'],
    });
    expect(data.gaps.some((g) => g.timeframe === '4h')).toBe(true);
  });
});

describe('reordered or repeated rows never change a backtest silently (property)', () => {
  // dup.json without its repeated row: 120 valid 5m candles on which the grid trades both ways.
  const original = (JSON.parse(readFileSync(fixturePath('field-cases', 'dup.json'), 'utf8')) as number[][]).filter(
    (row, i, all) => i === 0 || row[0] !== all[i - 1]?.[0],
  );

  async function trades(rows: number[][], name: string, repair: boolean): Promise<string | CandleDataError> {
    const path = join(tmp.dir, name);
    writeFileSync(path, JSON.stringify(rows));
    const config = parseConfig({ TRADING_ACTIVE_STRATEGY: 'grid', TRADING_TIMEFRAMES: '5m' });
    try {
      const data = await loadBacktestData([path], { defaultSymbol: 'BTC/USDT', timeframes: ['5m'], repair });
      const market = assumeMarket({ symbol: data.symbol, candles: data.candles['5m'] ?? [] });
      const result = await runBacktest({
        candles: data.candles,
        settings: { ...strategySettingsFromConfig(config), symbol: data.symbol, primaryTimeframe: '5m' },
        strategy: 'grid',
        filters: market.filters,
        startingEquity: market.startingEquity,
        riskLimits: riskLimitsFromConfig(config),
        paper: paperBrokerOptionsFromConfig(config, market.filters),
      });
      return JSON.stringify(result.fills.map((f) => [f.time, f.side, f.price, f.quantity]));
    } catch (error) {
      if (error instanceof CandleDataError) return error;
      throw error;
    }
  }

  it('a permutation or duplication is refused without --repair, and trades as the original with it', async () => {
    const expected = await trades(original, 'original.json', false);
    expect(typeof expected).toBe('string');
    expect(expected).not.toBe('[]');
    const indices = original.map((_, i) => i);
    const changed = fc.tuple(fc.array(fc.nat({ max: indices.length - 1 }), { maxLength: 5 }), fc.boolean()).chain(([extra, shuffle]) => {
      const all = [...indices, ...extra];
      return shuffle ? fc.shuffledSubarray(all, { minLength: all.length }) : fc.constant(all.sort((a, b) => a - b));
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(changed, async (order) => {
        const rows = order.map((i) => original[i] as number[]);
        const same = order.length === indices.length && order.every((v, i) => v === i);
        const plain = await trades(rows, `p${run}.json`, false);
        if (same) expect(plain).toBe(expected);
        else expect(plain).toBeInstanceOf(CandleDataError);
        expect(await trades(rows, `r${run++}.json`, true)).toBe(expected);
      }),
      { numRuns: 15 },
    );
  });
});
