import { useMemo, useState } from 'react';
import { useCandles, useFills, useStatus, useStrategy } from '../api/queries';
import type { Timeframe } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import { money } from '../format';
import { gridLevels } from '../strategy/gridLevels';
import { CandleChart } from './CandleChart';

/** The symbol's candles for one of the configured timeframes, with fills, grid levels and the last price. */
export function PriceChartPanel({ height }: { height?: number }) {
  const status = useStatus().data;
  const [picked, setPicked] = useState<Timeframe | null>(null);
  const timeframe = picked ?? status?.timeframes[0];
  const candles = useCandles(status?.symbol, timeframe);
  const fills = useFills({ symbol: status?.symbol, limit: 500 });
  const strategy = useStrategy();
  // Memoized so the chart only redraws (and refits) when data really changed.
  const ordered = useMemo(() => {
    const items = candles.data?.items ?? [];
    return [...items].sort((a, b) => a.openTime - b.openTime);
  }, [candles.data]);
  const fillItems = useMemo(() => fills.data?.items ?? [], [fills.data]);
  const last = ordered[ordered.length - 1];
  const levels = useMemo(() => gridLevels(strategy.data?.describe), [strategy.data]);

  return (
    <section className="card chart-card" aria-label="Price chart">
      <header className="card-head">
        <h2>
          {status?.symbol ?? '…'}{' '}
          <span className="price" data-testid="current-price">
            {last ? money(last.close) : '—'}
          </span>
        </h2>
        <fieldset className="segmented" aria-label="Timeframe">
          {status?.timeframes.map((tf) => (
            <button key={tf} type="button" aria-pressed={tf === timeframe} onClick={() => setPicked(tf)}>
              {tf}
            </button>
          ))}
        </fieldset>
      </header>
      <ErrorBox error={candles.error} />
      <CandleChart candles={ordered} fills={fillItems} levels={levels} timeframe={timeframe ?? '1m'} height={height} />
      <p className="legend muted small">
        <span className="up">▲ buy fill</span> <span className="down">▼ sell fill</span>
        {levels.length > 0 ? ` · ${levels.length} grid levels (dashed)` : ''} · {ordered.length} candles
      </p>
    </section>
  );
}
