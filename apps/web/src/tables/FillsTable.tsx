import { useState } from 'react';
import { useFills } from '../api/queries';
import type { Fill } from '../api/types';
import { type Column, DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { Pager } from '../components/Pager';
import { type TimeRange, TimeRangeInputs } from '../components/TimeRangeInputs';
import { useCursors } from '../components/useCursors';
import { dateTime, money, qty } from '../format';

const COLUMNS: readonly Column<Fill>[] = [
  { label: 'Time', cell: (f) => dateTime(f.time) },
  { label: 'Pair', cell: (f) => f.symbol },
  { label: 'Side', cell: (f) => <span className={f.side === 'BUY' ? 'up' : 'down'}>{f.side}</span> },
  { label: 'Price', numeric: true, cell: (f) => money(f.price) },
  { label: 'Qty', numeric: true, cell: (f) => qty(f.quantity) },
  { label: 'Quote', numeric: true, cell: (f) => money(f.quoteQuantity) },
  { label: 'Fee', numeric: true, cell: (f) => `${qty(f.fee)} ${f.feeAsset}` },
  { label: 'Liquidity', cell: (f) => f.liquidity },
  { label: 'Order', cell: (f) => <code className="small">{f.clientOrderId}</code> },
];

/** Fills of every pair, or of `symbol`; filter by client order id and time, paged. */
export function FillsTable({ symbol }: { symbol?: string }) {
  const [orderId, setOrderId] = useState('');
  const [range, setRange] = useState<TimeRange>({});
  const [cursors, setCursors] = useCursors(symbol);
  const fills = useFills({ symbol, clientOrderId: orderId.trim() || undefined, ...range, limit: 25, cursor: cursors[cursors.length - 1] });
  return (
    <section className="card" aria-label="Fills">
      <header className="card-head">
        <h2>Fills</h2>
        <div className="filters">
          <input
            placeholder="client order id"
            aria-label="Client order id"
            value={orderId}
            onChange={(e) => {
              setOrderId(e.target.value);
              setCursors([]);
            }}
          />
          <TimeRangeInputs
            value={range}
            onChange={(r) => {
              setRange(r);
              setCursors([]);
            }}
          />
        </div>
      </header>
      <ErrorBox error={fills.error} />
      <DataTable rows={fills.data?.items ?? []} columns={COLUMNS} rowKey={(f) => f.tradeId} empty="No fills match." testId="fills-table" />
      <Pager cursors={cursors} nextCursor={fills.data?.nextCursor} onChange={setCursors} />
    </section>
  );
}
