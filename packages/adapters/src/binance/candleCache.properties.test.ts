import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandleCache } from '@warden/core/data/candleCache';
import type { Candle, SymbolFilters, Timeframe } from '@warden/core/domain/market';
import { ManualClock } from '@warden/core/ports/clock';
import type { CandleSource } from '@warden/core/ports/marketData';
import { openStore } from '@warden/storage/openStore';
import { BTC_2021_WEEK, recordedBtcWeek } from '@warden/testkit/fakeBinance/recordedMarket';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const MIN = 60_000;
const BARS = 300;
const start = BTC_2021_WEEK.start;
const recorded = recordedBtcWeek().slice(0, BARS + 1);

/**
 * Binance's klines semantics over recorded bars, in memory so hundreds of scenarios run quickly:
 * bars in `gaps` are never served (the exchange's own holes), bars in `flaky` are left out of the
 * first response that would contain them, and bar BARS is still forming (served with partial values).
 */
class RecordedKlines implements CandleSource {
  readonly calls: Array<{ startTime: number; limit: number; endTime?: number }> = [];
  private readonly flakyLeft: Set<number>;
  constructor(
    private readonly gaps: Set<number>,
    flaky: Set<number>,
  ) {
    this.flakyLeft = new Set(flaky);
  }
  async fetchCandles(_symbol: string, _tf: Timeframe, startTime: number, limit: number, endTime?: number): Promise<readonly Candle[]> {
    this.calls.push({ startTime, limit, endTime });
    const out: Candle[] = [];
    for (const [i, c] of recorded.entries()) {
      if (out.length >= limit) break;
      if (c.openTime < startTime || (endTime !== undefined && c.openTime > endTime) || this.gaps.has(i)) continue;
      if (this.flakyLeft.delete(i)) continue;
      out.push(i === BARS ? { ...c, close: c.open, high: Math.max(c.open, c.low), volume: 0 } : c);
    }
    return out;
  }
  fetchPrice(): Promise<number> {
    throw new Error('not used');
  }
  fetchFilters(): Promise<SymbolFilters> {
    throw new Error('not used');
  }
  fetchServerTime(): Promise<number> {
    throw new Error('not used');
  }
}

const indexSet = fc.uniqueArray(fc.integer({ min: 0, max: BARS - 1 }), { maxLength: 25 }).map((a) => new Set(a));

describe('CandleCache over SQLite, for any pattern of exchange gaps and flaky responses', () => {
  it('stores exactly the closed bars the exchange has, records its gaps, and asks nothing more on the next call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-cache-prop-'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(indexSet, indexSet, fc.integer({ min: 1, max: 1000 }), async (gaps, flaky, pageSize) => {
        const store = openStore(join(dir, `run-${run++}.db`));
        try {
          const source = new RecordedKlines(gaps, flaky);
          const cache = new CandleCache({ source, candles: store.candles, clock: new ManualClock(start + BARS * MIN + 30_000), pageSize });
          const returned = await cache.getClosedCandles('BTC/USDT', '1m', BARS);
          const expected = recorded.slice(0, BARS).filter((_, i) => !gaps.has(i));
          expect(store.candles.range('BTC/USDT', '1m', 0, Number.MAX_SAFE_INTEGER)).toEqual(expected);
          expect(returned).toEqual(expected);
          const recordedGapBars = store.candles
            .gaps('BTC/USDT', '1m')
            .flatMap((g) => Array.from({ length: (g.to - g.from) / MIN + 1 }, (_, k) => (g.from - start) / MIN + k));
          expect(recordedGapBars.sort((a, b) => a - b)).toEqual([...gaps].sort((a, b) => a - b));
          expect(source.calls.every((c) => c.limit <= pageSize)).toBe(true);
          const callsBefore = source.calls.length;
          await cache.getClosedCandles('BTC/USDT', '1m', BARS);
          expect(source.calls.length).toBe(callsBefore);
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
