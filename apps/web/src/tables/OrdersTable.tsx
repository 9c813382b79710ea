import { useState } from 'react';
import { useOrders } from '../api/queries';
import type { Order, OrderStatus } from '../api/types';
import { type Column, DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { Pager } from '../components/Pager';
import { type TimeRange, TimeRangeInputs } from '../components/TimeRangeInputs';
import { useCursors } from '../components/useCursors';
import { dateTime, money, qty } from '../format';

const STATUSES: readonly OrderStatus[] = [
  'PENDING_SUBMIT',
  'NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'UNKNOWN',
];

const COLUMNS: readonly Column<Order>[] = [
  { label: 'Created', cell: (o) => dateTime(o.createdAt) },
  { label: 'Pair', cell: (o) => o.symbol },
  { label: 'Side', cell: (o) => <span className={o.side === 'BUY' ? 'up' : 'down'}>{o.side}</span> },
  { label: 'Type', cell: (o) => o.type },
  { label: 'Status', cell: (o) => <span className={`badge status-${o.status.toLowerCase()}`}>{o.status}</span> },
  { label: 'Qty', numeric: true, cell: (o) => qty(o.quantity) },
  { label: 'Price', numeric: true, cell: (o) => (o.price ? money(o.price) : 'market') },
  { label: 'Filled', numeric: true, cell: (o) => qty(o.filledQuantity) },
  { label: 'Avg fill', numeric: true, cell: (o) => money(o.avgFillPrice) },
  { label: 'Mode', cell: (o) => <span className={`mode mode-${o.mode}`}>{o.mode}</span> },
  { label: 'Reason', cell: (o) => <span className="small">{o.reason}</span> },
  { label: 'Client id', cell: (o) => <code className="small">{o.clientOrderId}</code> },
];

/** Orders of every pair, or of `symbol`; filter by status and time, paged. */
export function OrdersTable({ symbol }: { symbol?: string }) {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [range, setRange] = useState<TimeRange>({});
  const [cursors, setCursors] = useCursors(symbol);
  const orders = useOrders({ symbol, status: status || undefined, ...range, limit: 25, cursor: cursors[cursors.length - 1] });
  const reset = () => setCursors([]);
  return (
    <section className="card" aria-label="Orders">
      <header className="card-head">
        <h2>Orders</h2>
        <div className="filters">
          <select
            aria-label="Order status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as OrderStatus | '');
              reset();
            }}
          >
            <option value="">any status</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <TimeRangeInputs
            value={range}
            onChange={(r) => {
              setRange(r);
              reset();
            }}
          />
        </div>
      </header>
      <ErrorBox error={orders.error} />
      <DataTable
        rows={orders.data?.items ?? []}
        columns={COLUMNS}
        rowKey={(o) => o.clientOrderId}
        empty="No orders match."
        testId="orders-table"
      />
      <Pager cursors={cursors} nextCursor={orders.data?.nextCursor} onChange={setCursors} />
    </section>
  );
}
