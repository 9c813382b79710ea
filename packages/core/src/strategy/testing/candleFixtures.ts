import { readFileSync } from 'node:fs';
import { fixturePath } from '@warden/testkit/fixtures';
import type { Candle, Timeframe } from '../../domain/market.js';

/** Test-only readers for the shared recorded candles (the general loader lives in core/data). */

interface TradingSignalsRow {
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly openTimeInMillis: number;
}

/** BTC/USDT 1m, 2021-02-19 .. 2021-02-25 (10,080 candles). */
export function btc1m2021(): Candle[] {
  const rows = JSON.parse(
    readFileSync(fixturePath('candles', 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json'), 'utf8'),
  ) as TradingSignalsRow[];
  return rows.map((r) => ({
    openTime: r.openTimeInMillis,
    open: Number(r.open),
    high: Number(r.high),
    low: Number(r.low),
    close: Number(r.close),
    volume: Number(r.volume),
  }));
}

/** One symbol and timeframe from an OctoBot CSV; the last row was still forming when recorded, so it is dropped. */
export function octobotCandles(file: string, symbol: string, timeframe: Timeframe): Candle[] {
  const lines = readFileSync(fixturePath('candles', file), 'utf8').trim().split('\n').slice(1);
  const out: Candle[] = [];
  for (const line of lines) {
    const [sym, tf, t, o, h, l, c, v] = line.split(',');
    if (sym !== symbol || tf !== timeframe) continue;
    out.push({ openTime: Number(t), open: Number(o), high: Number(h), low: Number(l), close: Number(c), volume: Number(v) });
  }
  out.sort((a, b) => a.openTime - b.openTime);
  return out.slice(0, -1);
}

export const OCTOBOT_2024_4H = 'octobot-binance-USDT-pairs-4h-2023-12-30_2024-03-22.csv';

/** Jesse's reference candles, re-ordered from its [t, open, CLOSE, HIGH, LOW, v] columns. */
export function jesseCandles(set: string): Candle[] {
  const data = JSON.parse(readFileSync(fixturePath('indicators', 'jesse-test-candles.json'), 'utf8')) as {
    sets: Record<string, { candles: number[][] }>;
  };
  const rows = data.sets[set]?.candles;
  if (!rows) throw new Error(`no jesse set ${set}`);
  return rows.map(([t, o, c, h, l, v]) => ({ openTime: t!, open: o!, close: c!, high: h!, low: l!, volume: v! }));
}
