import { useState } from 'react';
import { PairFilter } from '../pairs/PairFilter';
import { FillsTable } from '../tables/FillsTable';
import { OrdersTable } from '../tables/OrdersTable';
import { PositionsTable } from '../tables/PositionsTable';

/** Positions, orders and fills, of every pair or of the one the pair filter picks. */
export function TradesPage() {
  const [pair, setPair] = useState('');
  const symbol = pair || undefined;
  return (
    <>
      <div className="filters page-filters">
        <PairFilter value={pair} onChange={setPair} />
      </div>
      <PositionsTable symbol={symbol} />
      <OrdersTable symbol={symbol} />
      <FillsTable symbol={symbol} />
    </>
  );
}
