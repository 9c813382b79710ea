import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomWalkCandles } from '@warden/testkit/candles';

const HOUR = 3_600_000;

/**
 * A small corpus for tests, written into `dir`: a two-symbol CSV (OctoBot's columns) and, in a
 * sub-folder, an unlabelled JSON of [ms, o, h, l, c, v] rows named the freqtrade way. 1h candles:
 * run the bench with TRADING_TIMEFRAMES=1h,4h.
 */
export function writeTestCorpus(dir: string, count = 600): { csv: string; json: string } {
  const start = Date.UTC(2024, 0, 1);
  const btc = randomWalkCandles({ count, stepMs: HOUR, volatility: 0.01, seed: 1, start, startPrice: 40_000 });
  const eth = randomWalkCandles({ count, stepMs: HOUR, volatility: 0.012, seed: 2, start, startPrice: 2_500 });
  const rows = [
    ...btc.map((c) => ['BTC/USDT', '1h', c.openTime, c.open, c.high, c.low, c.close, c.volume].join(',')),
    ...eth.map((c) => ['ETH/USDT', '1h', c.openTime, c.open, c.high, c.low, c.close, c.volume].join(',')),
  ];
  const csv = join(dir, 'pairs-1h.csv');
  writeFileSync(csv, `symbol,timeframe,open_time_ms,open,high,low,close,volume\n${rows.join('\n')}\n`);
  mkdirSync(join(dir, 'more'));
  const json = join(dir, 'more', 'BTC_USDT-1h.json');
  const other = randomWalkCandles({ count, stepMs: HOUR, volatility: 0.008, seed: 3, start, startPrice: 30_000 });
  writeFileSync(json, JSON.stringify(other.map((c) => [c.openTime, c.open, c.high, c.low, c.close, c.volume])));
  return { csv, json };
}
