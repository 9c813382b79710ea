import { aggregateCandles, canAggregate } from '@warden/core/data/aggregateCandles';
import { closeTimeOf, floorToTimeframe } from '@warden/core/data/timeframeMath';
import type { Candle, Timeframe } from '@warden/core/domain/market';
import { MarketClock } from './marketClock.js';

export type TapeData = Record<string, Partial<Record<Timeframe, readonly Candle[]>>>;

/**
 * Recorded candles per exchange symbol ("BTCUSDT") and timeframe, revealed as the market clock
 * moves: a bar is visible once it has opened, and the newest visible bar is drawn as still
 * forming (partial OHLC) until its close. Timeframes not recorded are built from 1m bars.
 */
export class MarketTape {
  readonly clock: MarketClock;
  private readonly series = new Map<string, Map<Timeframe, readonly Candle[]>>();

  constructor(data: TapeData, start: number) {
    for (const [symbol, byTf] of Object.entries(data)) {
      this.series.set(symbol, new Map(Object.entries(byTf) as Array<[Timeframe, readonly Candle[]]>));
    }
    this.clock = new MarketClock(start);
  }

  hasSymbol(symbol: string): boolean {
    return this.series.has(symbol);
  }

  symbols(): string[] {
    return [...this.series.keys()];
  }

  /** Bars with openTime in [from, to] as the exchange would show them now, oldest first. */
  visible(symbol: string, timeframe: Timeframe, from: number, to: number): Candle[] {
    const now = this.clock.now();
    const all = this.recorded(symbol, timeframe);
    const upTo = Math.min(to, now);
    const out = all.filter((c) => c.openTime >= from && c.openTime <= upTo);
    const last = out[out.length - 1];
    if (last && closeTimeOf(last.openTime, timeframe) > now) out[out.length - 1] = this.forming(symbol, timeframe, last, now);
    return out;
  }

  /** The newest visible bar of the finest recorded timeframe: the "last price" source. */
  latest(symbol: string): { candle: Candle; timeframe: Timeframe } | null {
    const byTf = this.series.get(symbol);
    if (!byTf) return null;
    const now = this.clock.now();
    for (const timeframe of byTf.keys()) {
      const bars = this.visible(symbol, timeframe, 0, now);
      const candle = bars[bars.length - 1];
      if (candle) return { candle, timeframe };
    }
    return null;
  }

  recorded(symbol: string, timeframe: Timeframe): readonly Candle[] {
    const byTf = this.series.get(symbol);
    if (!byTf) return [];
    const direct = byTf.get(timeframe);
    if (direct) return direct;
    const minute = byTf.get('1m');
    if (!minute || !canAggregate('1m', timeframe)) return [];
    const built = aggregateCandles(minute, '1m', timeframe);
    byTf.set(timeframe, built);
    return built;
  }

  private forming(symbol: string, timeframe: Timeframe, final: Candle, now: number): Candle {
    const minute = this.series.get(symbol)?.get('1m');
    if (minute && timeframe !== '1m') {
      const inside = minute.filter((c) => c.openTime >= final.openTime && c.openTime + 60_000 <= now);
      const [partial] = aggregateCandles(inside, '1m', timeframe, { keepIncomplete: true });
      if (partial && partial.openTime === floorToTimeframe(final.openTime, timeframe)) return partial;
    }
    // No finer data: move the close part of the way from open toward the final close.
    const fraction = (now - final.openTime) / (closeTimeOf(final.openTime, timeframe) - final.openTime);
    const close = final.open + (final.close - final.open) * fraction;
    return {
      openTime: final.openTime,
      open: final.open,
      high: Math.max(final.open, close),
      low: Math.min(final.open, close),
      close,
      volume: final.volume * fraction,
    };
  }
}
