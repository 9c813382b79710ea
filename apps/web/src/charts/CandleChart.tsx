import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineStyle,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Candle, Fill, GridLevel } from '../api/types';
import { sideTone } from '../strategy/gridLevels';
import { baseChartOptions, useChartTheme } from './chartTheme';
import { fillMarkers } from './fillMarkers';
import { timeframeMs } from './timeframe';

interface Props {
  /** The pair the candles are of (data-symbol tells tests which pair was drawn). */
  readonly symbol: string;
  readonly candles: readonly Candle[];
  readonly fills: readonly Fill[];
  readonly levels: readonly GridLevel[];
  readonly timeframe: string;
  readonly height?: number;
}

/**
 * Candlesticks with buy/sell fills as markers and the grid's levels as dashed price lines. The
 * chart object lives for the component's lifetime; data changes only update its series. The
 * counts in data-* attributes let browser tests check what was drawn without reading the canvas.
 */
export function CandleChart({ symbol, candles, fills, levels, timeframe, height = 360 }: Props) {
  const theme = useChartTheme();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<UTCTimestamp> | null>(null);
  const lines = useRef<IPriceLine[]>([]);

  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, baseChartOptions(theme));
    chart.current = c;
    series.current = c.addSeries(CandlestickSeries, {
      upColor: theme.up,
      downColor: theme.down,
      borderVisible: false,
      wickUpColor: theme.up,
      wickDownColor: theme.down,
    });
    markers.current = createSeriesMarkers(series.current, []) as ISeriesMarkersPluginApi<UTCTimestamp>;
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
      lines.current = [];
    };
  }, [theme]);

  // `theme` recreates the chart (effect above), so the data must be set again on a theme change too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: theme is a deliberate re-run trigger
  useEffect(() => {
    series.current?.setData(
      candles.map((k) => ({ time: (k.openTime / 1000) as UTCTimestamp, open: k.open, high: k.high, low: k.low, close: k.close })),
    );
    chart.current?.timeScale().fitContent();
  }, [candles, theme]);

  useEffect(() => {
    markers.current?.setMarkers(
      fillMarkers(
        fills,
        candles.map((k) => k.openTime),
        timeframeMs(timeframe),
        theme,
      ),
    );
  }, [fills, candles, timeframe, theme]);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    for (const line of lines.current) s.removePriceLine(line);
    lines.current = levels.map((level) => {
      const tone = sideTone(level.side);
      return s.createPriceLine({
        price: level.price,
        color: tone === 'up' ? theme.up : tone === 'down' ? theme.down : theme.accent,
        lineWidth: 1,
        lineStyle: tone === 'neutral' ? LineStyle.Dotted : LineStyle.Dashed,
        axisLabelVisible: false,
        title: tone === 'neutral' ? 'grid' : `grid ${level.side.toLowerCase()}`,
      });
    });
  }, [levels, theme]);

  const markerCount = fillMarkers(
    fills,
    candles.map((k) => k.openTime),
    timeframeMs(timeframe),
    theme,
  ).length;
  return (
    <div
      ref={box}
      className="chart"
      style={{ height }}
      data-testid="candle-chart"
      data-symbol={symbol}
      data-candles={candles.length}
      data-markers={markerCount}
      data-levels={levels.length}
    />
  );
}
