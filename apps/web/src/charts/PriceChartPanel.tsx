import { useMemo, useState } from 'react';
import { useCandles, useFills, useStatus, useStrategy } from '../api/queries';
import type { Timeframe } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import { money } from '../format';
import { PairStateBadge } from '../pairs/PairStateBadge';
import { useSelectedPair } from '../pairs/useSelectedPair';
import { gridLevels } from '../strategy/gridLevels';
import { CandleChart } from './CandleChart';

/**
 * The selected pair's candles for one of the configured timeframes, with that pair's fills, its
 * grid's levels and its last price.
 */
export function PriceChartPanel({ height }: { height?: number }) {
  const status = useStatus().data;
  const { pairs, selected } = useSelectedPair();
  const symbol = selected?.symbol;
  const [picked, setPicked] = useState<Timeframe | null>(null);
  const timeframe = picked ?? status?.timeframes[0];
  const candles = useCandles(symbol, timeframe);
  const fills = useFills({ symbol, limit: 500 });
  const strategy = useStrategy(symbol);
  // What is drawn is what arrived for this pair: while another pair's candles load, nothing is.
  const shown = candles.data?.symbol === symbol ? candles.data : undefined;
  // Memoized so the chart only redraws (and refits) when data really changed.
  const ordered = useMemo(() => [...(shown?.items ?? [])].sort((a, b) => a.openTime - b.openTime), [shown]);
  const fillItems = useMemo(() => fills.data?.items ?? [], [fills.data]);
  const last = ordered[ordered.length - 1];
  const levels = useMemo(() => gridLevels(strategy.data?.describe), [strategy.data]);

  return (
    <section className="card chart-card" aria-label="Price chart">
      <header className="card-head">
        <h2>
          <span data-testid="chart-symbol">{symbol ?? '…'}</span>{' '}
          <span className="price" data-testid="current-price">
            {last ? money(last.close) : '—'}
          </span>
        </h2>
        {selected && pairs.length > 1 ? (
          <span className="muted small">
            <code>{selected.strategy}</code> <PairStateBadge state={selected.state} paused={selected.paused} />
          </span>
        ) : null}
        <fieldset className="segmented" aria-label="Timeframe">
          {status?.timeframes.map((tf) => (
            <button key={tf} type="button" aria-pressed={tf === timeframe} onClick={() => setPicked(tf)}>
              {tf}
            </button>
          ))}
        </fieldset>
      </header>
      <ErrorBox error={candles.error ?? strategy.error} />
      <CandleChart
        symbol={shown?.symbol ?? ''}
        candles={ordered}
        fills={fillItems}
        levels={levels}
        timeframe={timeframe ?? '1m'}
        height={height}
      />
      <p className="legend muted small">
        <span className="up">▲ buy fill</span> <span className="down">▼ sell fill</span>
        {levels.length > 0 ? ` · ${levels.length} grid levels (dashed)` : ''} · {ordered.length} candles
      </p>
    </section>
  );
}
