import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { Fill } from '../api/types';
import type { ChartTheme } from './chartTheme';

/**
 * Fill markers snapped to the open time of the candle they happened in (a marker on a time the
 * series has no bar for would drift to a neighbour), sorted as the chart requires, limited to the
 * candles on screen.
 */
export function fillMarkers(
  fills: readonly Fill[],
  candleTimes: readonly number[],
  timeframeMs: number,
  theme: ChartTheme,
): SeriesMarker<UTCTimestamp>[] {
  if (candleTimes.length === 0) return [];
  const first = candleTimes[0] ?? 0;
  const last = (candleTimes[candleTimes.length - 1] ?? 0) + timeframeMs;
  return fills
    .filter((f) => f.time >= first && f.time < last)
    .sort((a, b) => a.time - b.time)
    .map((f) => {
      const buy = f.side === 'BUY';
      const bar = Math.floor(f.time / timeframeMs) * timeframeMs;
      return {
        time: (bar / 1000) as UTCTimestamp,
        position: buy ? 'belowBar' : 'aboveBar',
        shape: buy ? 'arrowUp' : 'arrowDown',
        color: buy ? theme.up : theme.down,
        text: `${buy ? 'B' : 'S'} ${Number(f.price).toLocaleString()}`,
        id: f.tradeId,
      } satisfies SeriesMarker<UTCTimestamp>;
    });
}
