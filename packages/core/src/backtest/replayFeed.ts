import type { MarketFeed, MarketSnapshot } from '../cycle/marketFeed.js';
import { type CandleGapReport, findGaps, isGapBetween } from '../data/candleGaps.js';
import { type Candle, TIMEFRAME_MS, type Timeframe } from '../domain/market.js';

/** One timeframe's replay: its whole series, the part already closed, and where the next candle is. */
interface ReplayTrack {
  readonly timeframe: Timeframe;
  readonly all: readonly Candle[];
  shown: Candle[];
  readonly lengthMs: number;
  cursor: number;
}

const NO_GAPS: readonly CandleGapReport[] = Object.freeze([]);

/**
 * Replays recorded candles as if they were closing one by one. Each timeframe's visible array only
 * grows (candles are pushed as they close), so a cycle costs O(1) however long the history is;
 * strategies feed their indicators only the candles they have not seen.
 *
 * A hole in the data is never bridged: the candle after a gap starts a new visible array, so the
 * window a strategy sees begins after the gap and its indicators warm up again, as they would on an
 * exchange that was down. The snapshot taken when a gap is crossed carries it (`gaps`).
 */

export class ReplayFeed implements MarketFeed {
  private readonly visible: Partial<Record<Timeframe, Candle[]>> = {};
  // An array of tracks, not records keyed by timeframe: `advance` runs once per candle of a year.
  private readonly tracks: ReplayTrack[] = [];
  private readonly primaryMs: number;
  private current: Candle | null = null;

  constructor(
    private readonly series: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>,
    private readonly primary: Timeframe,
  ) {
    for (const tf of Object.keys(series) as Timeframe[]) {
      const shown: Candle[] = [];
      this.visible[tf] = shown;
      this.tracks.push({ timeframe: tf, all: series[tf] ?? [], shown, lengthMs: TIMEFRAME_MS[tf], cursor: 0 });
    }
    this.primaryMs = TIMEFRAME_MS[primary];
  }

  /** The primary candles in order: one cycle runs at each one's close. */
  get steps(): readonly Candle[] {
    return this.series[this.primary] ?? [];
  }

  /** Closes the primary candle `index` (and every higher-timeframe candle that closed by then). */
  advance(index: number): number {
    const candle = this.steps[index];
    if (!candle) throw new RangeError(`no primary candle ${index}`);
    const now = candle.openTime + this.primaryMs;
    for (const track of this.tracks) {
      const { all, lengthMs } = track;
      let i = track.cursor;
      while (i < all.length && (all[i] as Candle).openTime + lengthMs <= now) {
        const next = all[i++] as Candle;
        const previous = track.shown[track.shown.length - 1];
        if (previous !== undefined && isGapBetween(previous.openTime, next.openTime, track.timeframe))
          this.startAfterGap(track, previous, next);
        track.shown.push(next);
      }
      track.cursor = i;
    }
    this.current = candle;
    return now;
  }

  private startAfterGap(track: ReplayTrack, before: Candle, after: Candle): void {
    const gap = findGaps([before, after], track.timeframe)[0] as CandleGapReport;
    this.pendingGaps = this.pendingGaps === NO_GAPS ? [gap] : [...this.pendingGaps, gap];
    track.shown = [];
    this.visible[track.timeframe] = track.shown;
  }

  /** Gaps crossed since the last snapshot. */
  private pendingGaps: readonly CandleGapReport[] = NO_GAPS;

  /** One snapshot object, refreshed per step: a year of 1m candles should not mean 525,600 of them. */
  private readonly reused: {
    now: number;
    candles: Partial<Record<Timeframe, Candle[]>>;
    price: number;
    high: number;
    low: number;
    volume: number;
    gaps: readonly CandleGapReport[];
  } = {
    now: 0,
    candles: this.visible,
    price: 0,
    high: 0,
    low: 0,
    volume: 0,
    gaps: NO_GAPS,
  };

  snapshot(now: number): MarketSnapshot {
    const c = this.current;
    if (!c) throw new Error('ReplayFeed.advance() must be called before snapshot()');
    const s = this.reused;
    s.now = now;
    s.price = c.close;
    s.high = c.high;
    s.low = c.low;
    s.volume = c.volume;
    s.gaps = this.pendingGaps;
    this.pendingGaps = NO_GAPS;
    return s;
  }
}
