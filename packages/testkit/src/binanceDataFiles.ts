import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candle } from '@warden/core/domain/market';
import { TIMEFRAME_MS, type Timeframe } from '@warden/core/domain/market';
import { zipSync } from 'fflate';

/**
 * The header-less 12-column CSV of Binance's public kline files (data.binance.vision):
 * open time, open, high, low, close, volume, close time, quote volume, trades, taker buy base,
 * taker buy quote, ignore. Times in ms before 2025 and in µs from 2025-01-01, as Binance writes them.
 */
export function binanceKlineCsv(candles: readonly Candle[], timeframe: Timeframe, unit: 'ms' | 'us'): string {
  const k = unit === 'us' ? 1000 : 1;
  return candles
    .map((c) => {
      const close = c.openTime + TIMEFRAME_MS[timeframe] - 1;
      return [
        c.openTime * k,
        c.open.toFixed(8),
        c.high.toFixed(8),
        c.low.toFixed(8),
        c.close.toFixed(8),
        c.volume.toFixed(8),
        close * k + (k - 1),
        (c.volume * c.close).toFixed(8),
        42,
        (c.volume / 2).toFixed(8),
        ((c.volume * c.close) / 2).toFixed(8),
        0,
      ].join(',');
    })
    .join('\n');
}

/** Writes `<name>.zip` holding `<name>.csv`, the way Binance publishes its monthly and daily archives. */
export function writeBinanceZip(dir: string, name: string, csv: string): string {
  const path = join(dir, `${name}.zip`);
  writeFileSync(path, zipSync({ [`${name}.csv`]: new TextEncoder().encode(csv) }));
  return path;
}
