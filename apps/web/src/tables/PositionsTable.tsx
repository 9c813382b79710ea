import { usePositions } from '../api/queries';
import type { Position } from '../api/types';
import { type Column, DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { dateTime, money, num, qty, signed } from '../format';

const COLUMNS: readonly Column<Position>[] = [
  { label: 'Pair', cell: (p) => p.symbol },
  { label: 'Quantity', numeric: true, cell: (p) => qty(p.quantity) },
  { label: 'Avg entry', numeric: true, cell: (p) => money(p.avgEntryPrice) },
  {
    label: 'Realized PnL',
    numeric: true,
    cell: (p) => <span className={(num(p.realizedPnl) ?? 0) >= 0 ? 'up' : 'down'}>{signed(num(p.realizedPnl))}</span>,
  },
  { label: 'Updated', cell: (p) => dateTime(p.updatedAt) },
];

/** One position per pair (every pair, or `symbol`'s). */
export function PositionsTable({ symbol }: { symbol?: string }) {
  const positions = usePositions(symbol);
  return (
    <section className="card" aria-label="Positions">
      <header className="card-head">
        <h2>Positions</h2>
      </header>
      <ErrorBox error={positions.error} />
      <DataTable
        rows={positions.data ?? []}
        columns={COLUMNS}
        rowKey={(p) => p.symbol}
        empty="No positions yet."
        testId="positions-table"
      />
    </section>
  );
}
