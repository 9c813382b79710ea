import { AreaSeries, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { num } from '../format';
import { baseChartOptions, useChartTheme } from './chartTheme';

/** A mark of equity: ms since epoch, quote units (a number or an exact decimal string). */
export interface EquityMark {
  readonly time: number;
  readonly equity: number | string;
}

/** Equity over time. Marks arrive newest first; the chart needs ascending, unique times (the last mark of a second wins). */
export function EquityChart({ points: marks, height = 200 }: { points: readonly EquityMark[]; height?: number }) {
  const theme = useChartTheme();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, baseChartOptions(theme));
    chart.current = c;
    series.current = c.addSeries(AreaSeries, {
      lineColor: theme.accent,
      topColor: `${theme.accent}55`,
      bottomColor: `${theme.accent}05`,
      lineWidth: 2,
    });
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
    };
  }, [theme]);

  // `theme` recreates the chart (effect above), so the data must be set again on a theme change too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: theme is a deliberate re-run trigger
  useEffect(() => {
    const bySecond = new Map<number, number>();
    for (const s of [...marks].reverse()) {
      const value = num(s.equity);
      if (value !== null) bySecond.set(Math.floor(s.time / 1000), value);
    }
    const points = [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time: time as UTCTimestamp, value }));
    series.current?.setData(points);
    chart.current?.timeScale().fitContent();
  }, [marks, theme]);

  return <div ref={box} className="chart" style={{ height }} data-testid="equity-chart" data-points={marks.length} />;
}
