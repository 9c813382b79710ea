import { useState } from 'react';
import { usePortfolio, useStatus } from '../api/queries';
import type { PortfolioPair } from '../api/types';
import { useCan } from '../auth/SessionContext';
import { type Column, DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { money, num, pct, qty, signed } from '../format';
import { PairStateBadge } from '../pairs/PairStateBadge';
import { href } from '../router';
import { pairColour } from './palette';
import { type PairCommand, usePairAction } from './usePairAction';

type Outcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: unknown };

const pnl = (value: string) => {
  const n = num(value);
  return <span className={n === null || n === 0 ? undefined : n > 0 ? 'up' : 'down'}>{signed(n)}</span>;
};

const COLUMNS: readonly Column<PortfolioPair & { readonly index: number }>[] = [
  {
    label: 'Pair',
    cell: (p) => (
      <a href={href('chart', p.symbol)} title={`${p.symbol} on the chart`} className="pair-link">
        <span className="swatch" style={{ background: pairColour(p.index) }} />
        {p.symbol}
      </a>
    ),
  },
  { label: 'State', cell: (p) => <PairStateBadge state={p.state} paused={p.paused} /> },
  { label: 'Strategy', cell: (p) => <code>{p.strategy}</code> },
  { label: 'Price', numeric: true, cell: (p) => money(p.price) },
  { label: 'Held', numeric: true, cell: (p) => qty(p.baseBalance) },
  { label: 'Value', numeric: true, cell: (p) => money(p.value) },
  { label: 'Allocation', numeric: true, cell: (p) => pct(p.allocationPct, 1) },
  { label: 'Realized', numeric: true, cell: (p) => pnl(p.realizedPnl) },
  { label: 'Unrealized', numeric: true, cell: (p) => pnl(p.unrealizedPnl) },
  { label: 'Trades', numeric: true, cell: (p) => p.trades },
  { label: 'Fees', numeric: true, cell: (p) => money(p.feesPaid) },
  { label: 'Open orders', numeric: true, cell: (p) => p.openOrders },
];

/**
 * Every pair of the account: state, strategy, position value, share of equity, PnL, trades, fees
 * and open orders; operators can pause or resume each pair (viewers see no buttons). The server's
 * answer — `ETH/USDT: RUNNING → PAUSED`, or its error — shows under the table.
 */
export function PairsTable() {
  const portfolio = usePortfolio();
  const account = useStatus().data?.state;
  const canControl = useCan('control');
  const action = usePairAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = (symbol: string, command: PairCommand) =>
    action.mutate(
      { symbol, command },
      {
        onSuccess: (r) => setOutcome({ ok: true, text: `${r.symbol}: ${r.from} → ${r.to}` }),
        onError: (error) => setOutcome({ ok: false, error }),
      },
    );

  const actions: Column<PortfolioPair & { readonly index: number }> = {
    label: 'Actions',
    cell: (p) =>
      p.paused ? (
        <button
          type="button"
          disabled={action.isPending || account === 'EMERGENCY_STOP'}
          title={account === 'EMERGENCY_STOP' ? 'an admin must resume the account first' : undefined}
          onClick={() => run(p.symbol, 'resume')}
          aria-label={`Resume ${p.symbol}`}
        >
          ▶ Resume
        </button>
      ) : (
        <button type="button" disabled={action.isPending} onClick={() => run(p.symbol, 'pause')} aria-label={`Pause ${p.symbol}`}>
          ❚❚ Pause
        </button>
      ),
  };
  const p = portfolio.data;
  const rows = (p?.pairs ?? []).map((pair, index) => ({ ...pair, index }));
  return (
    <section className="card" aria-label="Pairs">
      <header className="card-head">
        <h2>Pairs</h2>
        {p ? (
          <span className="muted small">
            {p.pairs.length} traded · {p.quote} held {money(p.quoteBalance)}
          </span>
        ) : null}
      </header>
      <ErrorBox error={portfolio.error} />
      <DataTable
        rows={rows}
        columns={canControl ? [...COLUMNS, actions] : COLUMNS}
        rowKey={(r) => r.symbol}
        rowAttributes={(r) => ({ 'data-symbol': r.symbol, 'data-state': r.state })}
        empty={portfolio.isPending ? 'Loading…' : 'No pairs.'}
        testId="pairs-table"
      />
      <div aria-live="polite" data-testid="pair-action-result">
        {outcome?.ok ? <p className="ok">{outcome.text}</p> : null}
        {outcome && !outcome.ok ? <ErrorBox error={outcome.error} /> : null}
      </div>
    </section>
  );
}
