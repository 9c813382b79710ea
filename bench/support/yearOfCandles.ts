import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomWalkCandles } from '@warden/testkit/candles';

export const MINUTES_PER_YEAR = 525_600;

/**
 * A year of 1m BTC/USDT-like candles (a seeded random walk, the same every run) written as
 * Binance REST klines (`[openTime, "open", "high", "low", "close", "volume", closeTime,
 * "quoteVolume", trades, "takerBase", "takerQuote", "0"]`), the layout `warden backtest` reads
 * and `GET /api/v3/klines` answers. Returns the file's path.
 */
export function writeYearOfCandles(dir: string): string {
  const candles = randomWalkCandles({ count: MINUTES_PER_YEAR, stepMs: 60_000, volatility: 0.0015, seed: 42, start: Date.UTC(2023, 0, 1) });
  const path = join(dir, 'BTCUSDT-1m-2023.json');
  const rows = candles.map(
    (c) =>
      `[${c.openTime},"${c.open.toFixed(2)}","${c.high.toFixed(2)}","${c.low.toFixed(2)}","${c.close.toFixed(2)}","${c.volume.toFixed(2)}",${c.openTime + 59_999},"${(c.volume * c.close).toFixed(2)}",100,"0","0","0"]`,
  );
  writeFileSync(path, `[${rows.join(',\n')}]\n`);
  return path;
}
