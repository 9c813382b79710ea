import type { TimeframeReadiness } from '../app/services.js';
import type { Candle, SymbolFilters, Timeframe } from '../domain/market.js';
import { MarketDataError, ValidationError } from '../errors/errors.js';
import type { Clock } from '../ports/clock.js';
import type { CandleSource, MarketData } from '../ports/marketData.js';
import type { CandleGap, CandleRepository } from '../ports/store.js';
import { sinceLastGap } from './candleGaps.js';
import { assertValidCandles } from './candleValidation.js';
import { missingRuns, type OpenTimeRun } from './missingRuns.js';
import { addBars, barsBetween, closeTimeOf, lastClosedOpenTime } from './timeframeMath.js';

export const MAX_KLINES_PAGE = 1000;

export interface CandleCacheOptions {
  readonly source: CandleSource;
  readonly candles: CandleRepository;
  /** The exchange-tracking clock: decides which bar is closed. */
  readonly clock: Clock;
  /** Klines per request, ≤ 1000 (Binance's maximum). */
  readonly pageSize?: number;
  /** How long symbol filters are reused before being read again (they change rarely). */
  readonly filtersTtlMs?: number;
}

/** Progress of a fill: bars of the requested range covered so far, out of the bars that were missing. */
export type ProgressListener = (done: number, total: number) => void;

export interface FillReport {
  readonly requested: number;
  readonly fetchedBars: number;
  readonly gapsRecorded: readonly CandleGap[];
  readonly available: number;
}

/**
 * Market data through the `candles_cache` table: only bars missing from the cache are fetched,
 * in pages, and only closed ones are ever stored. A bar missing inside a fetched range is asked
 * for once more; if the exchange still skips it while serving later bars, the exchange has a gap,
 * which is recorded so it is neither fetched again nor invented.
 */
export class CandleCache implements MarketData {
  private readonly pageSize: number;
  private readonly filtersTtlMs: number;
  private readonly filters = new Map<string, { value: SymbolFilters; at: number }>();
  /** One fill per symbol/timeframe at a time, so concurrent callers do not fetch the same bars twice. */
  private readonly fills = new Map<string, Promise<unknown>>();

  constructor(private readonly options: CandleCacheOptions) {
    this.pageSize = options.pageSize ?? MAX_KLINES_PAGE;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > MAX_KLINES_PAGE) {
      throw new ValidationError(`page size must be 1..${MAX_KLINES_PAGE}`, 'pageSize');
    }
    this.filtersTtlMs = options.filtersTtlMs ?? 3_600_000;
  }

  async getClosedCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<readonly Candle[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('limit must be a positive integer', 'limit', { limit });
    const to = lastClosedOpenTime(this.options.clock.now(), timeframe);
    await this.fill(symbol, timeframe, addBars(to, timeframe, -(limit - 1)), to);
    const window = this.options.candles.latest(symbol, timeframe, limit, to);
    // The same rules as files and exchange pages: a cache written by an older version or by hand
    // must not feed a strategy rows the exchange could never have sent.
    assertValidCandles(window, timeframe, { symbol, source: 'candles_cache' });
    return window;
  }

  async getPrice(symbol: string): Promise<number> {
    return this.options.source.fetchPrice(symbol);
  }

  async getFilters(symbol: string): Promise<SymbolFilters> {
    const now = this.options.clock.now();
    const cached = this.filters.get(symbol);
    if (cached && now - cached.at < this.filtersTtlMs) return cached.value;
    const value = await this.options.source.fetchFilters(symbol);
    this.filters.set(symbol, { value, at: now });
    return value;
  }

  /** Warm-up: makes the newest `count` closed bars available in the cache. */
  async backfill(symbol: string, timeframe: Timeframe, count: number, onProgress?: ProgressListener): Promise<FillReport> {
    if (!Number.isInteger(count) || count < 1) throw new ValidationError('count must be a positive integer', 'count', { count });
    const to = lastClosedOpenTime(this.options.clock.now(), timeframe);
    return this.fill(symbol, timeframe, addBars(to, timeframe, -(count - 1)), to, onProgress);
  }

  /** Required vs available closed bars per timeframe, counting only the window a strategy would read. */
  readiness(symbol: string, required: Partial<Record<Timeframe, number>>): TimeframeReadiness[] {
    const now = this.options.clock.now();
    return (Object.entries(required) as Array<[Timeframe, number]>).map(([timeframe, need]) => {
      const to = lastClosedOpenTime(now, timeframe);
      const available = need > 0 ? this.availableInWindow(symbol, timeframe, need, to) : 0;
      return { timeframe, required: need, available, ready: available >= need };
    });
  }

  private availableInWindow(symbol: string, timeframe: Timeframe, need: number, to: number): number {
    // Indicators restart after a hole the exchange has (they never bridge it), so only the bars
    // after the newest gap in the window a strategy reads count towards its warm-up.
    return sinceLastGap(this.options.candles.latest(symbol, timeframe, need, to), timeframe).window.length;
  }

  private fill(symbol: string, timeframe: Timeframe, from: number, to: number, onProgress?: ProgressListener): Promise<FillReport> {
    const key = `${symbol}|${timeframe}`;
    const previous = this.fills.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.fillNow(symbol, timeframe, from, to, onProgress));
    this.fills.set(key, next);
    void next
      .finally(() => {
        if (this.fills.get(key) === next) this.fills.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  private async fillNow(
    symbol: string,
    timeframe: Timeframe,
    from: number,
    to: number,
    onProgress?: ProgressListener,
  ): Promise<FillReport> {
    const requested = barsBetween(from, to, timeframe);
    const firstPass = this.missing(symbol, timeframe, from, to);
    const total = firstPass.reduce((n, r) => n + r.bars, 0);
    let done = 0;
    let fetchedBars = 0;
    for (const run of firstPass) {
      fetchedBars += (await this.fetchRun(symbol, timeframe, run, (covered) => onProgress?.(done + covered, total))).stored;
      done += run.bars;
      onProgress?.(done, total);
    }
    // Second and last ask for bars still missing inside the range.
    const gapsRecorded: CandleGap[] = [];
    for (const run of this.missing(symbol, timeframe, from, to)) {
      const confirmation = await this.confirmRun(symbol, timeframe, run);
      fetchedBars += confirmation.stored;
      gapsRecorded.push(...confirmation.gaps);
    }
    const available = this.options.candles.range(symbol, timeframe, from, to).length;
    return { requested, fetchedBars, gapsRecorded, available };
  }

  private missing(symbol: string, timeframe: Timeframe, from: number, to: number): OpenTimeRun[] {
    const cached = this.options.candles.range(symbol, timeframe, from, to).map((c) => c.openTime);
    return missingRuns(from, to, timeframe, cached, this.options.candles.gaps(symbol, timeframe));
  }

  /**
   * Asks once more from the start of a run, one bar past its end and without an end time: a bar
   * the exchange skips while serving a later one is a gap the exchange has. Pages on while a full
   * page stops inside the run (small pages must not leave the rest unconfirmed). Bars after the
   * newest one served may simply not be published yet, so they stay missing and are asked for next time.
   */
  private async confirmRun(symbol: string, timeframe: Timeframe, run: OpenTimeRun): Promise<{ stored: number; gaps: CandleGap[] }> {
    const now = this.options.clock.now();
    const gaps: CandleGap[] = [];
    let stored = 0;
    let start = run.from;
    while (start <= run.to) {
      const limit = Math.min(this.pageSize, barsBetween(start, run.to, timeframe) + 1);
      const page = await this.options.source.fetchCandles(symbol, timeframe, start, limit);
      const context = { symbol, startTime: start, limit };
      this.checkPage(page, timeframe, start, limit, context);
      const closed = page.filter((c) => c.openTime <= run.to && closeTimeOf(c.openTime, timeframe) <= now);
      if (closed.length > 0) stored += this.options.candles.upsertMany(symbol, timeframe, closed);
      const newest = page[page.length - 1]?.openTime;
      if (newest === undefined) break;
      for (const hole of this.missing(symbol, timeframe, start, Math.min(run.to, addBars(newest, timeframe, -1)))) {
        const gap: CandleGap = { symbol, timeframe, from: hole.from, to: hole.to };
        this.options.candles.recordGap(gap);
        gaps.push(gap);
      }
      if (newest >= run.to || page.length < limit) break;
      start = addBars(newest, timeframe, 1);
    }
    return { stored, gaps };
  }

  private checkPage(page: readonly Candle[], timeframe: Timeframe, start: number, limit: number, context: Record<string, unknown>): void {
    assertValidCandles(page, timeframe, context);
    if (page.length > limit)
      throw new MarketDataError('exchange returned more candles than asked for', { ...context, received: page.length });
    const first = page[0];
    if (first && first.openTime < start)
      throw new MarketDataError('exchange returned candles before the requested start', { ...context, openTime: first.openTime });
  }

  /** Pages through one run of missing bars and stores the closed ones. */
  private async fetchRun(
    symbol: string,
    timeframe: Timeframe,
    run: OpenTimeRun,
    onPage?: (covered: number) => void,
  ): Promise<{ stored: number }> {
    const now = this.options.clock.now();
    let start = run.from;
    let stored = 0;
    while (start <= run.to) {
      const limit = Math.min(this.pageSize, barsBetween(start, run.to, timeframe));
      const page = await this.options.source.fetchCandles(symbol, timeframe, start, limit, run.to);
      const context = { symbol, startTime: start, endTime: run.to, limit };
      this.checkPage(page, timeframe, start, limit, context);
      const closed = page.filter((c) => c.openTime <= run.to && closeTimeOf(c.openTime, timeframe) <= now);
      if (closed.length > 0) stored += this.options.candles.upsertMany(symbol, timeframe, closed);
      const last = page[page.length - 1];
      if (!last || page.length < limit) break;
      start = addBars(last.openTime, timeframe, 1);
      onPage?.(barsBetween(run.from, Math.min(last.openTime, run.to), timeframe));
    }
    return { stored };
  }
}
