import { readFileSync } from 'node:fs';
import { type CandleSeries, parseCandleText } from '@warden/core/data/candleFileParsing';
import { selectSeries } from '@warden/core/data/selectSeries';
import type { Candle } from '@warden/core/domain/market';
import { fixturePath } from '../fixtures.js';
import type { TapeData } from './marketTape.js';

const parsed = new Map<string, CandleSeries[]>();
function series(file: string): CandleSeries[] {
  const known = parsed.get(file);
  if (known) return known;
  const fresh = parseCandleText(readFileSync(fixturePath('candles', file), 'utf8'));
  parsed.set(file, fresh);
  return fresh;
}

/** BTC/USDT 1m for 2021-02-19 00:00 → 2021-02-25 23:59 UTC (10,080 bars, no gaps); higher timeframes are built from it. */
export const BTC_2021_WEEK = {
  file: 'trading-signals-BTC_USDT-1m-2021-02-19_1week.json',
  start: Date.UTC(2021, 1, 19),
  end: Date.UTC(2021, 1, 26),
} as const;

export function recordedBtcWeek(): Candle[] {
  return selectSeries(series(BTC_2021_WEEK.file), { timeframe: '1m' });
}

/** 4h bars of BTC, ETH, BNB and SOL against USDT, 2023-12-30 → 2024-03-22 (the last one was forming when recorded). */
export function recordedUsdtPairs4h(): TapeData {
  const out: TapeData = {};
  for (const s of series('octobot-binance-USDT-pairs-4h-2023-12-30_2024-03-22.csv')) {
    if (s.symbol) out[s.symbol.replace('/', '')] = { '4h': s.candles.slice(0, -1) };
  }
  return out;
}

/** A tape for the fake server: BTCUSDT from the recorded 2021 week (1m, others derived) and the 2024 4h pairs besides. */
export function recordedMarket(): TapeData {
  const pairs = recordedUsdtPairs4h();
  return { ...pairs, BTCUSDT: { '1m': recordedBtcWeek() } };
}
