import { FillsTable } from '../tables/FillsTable';
import { OrdersTable } from '../tables/OrdersTable';
import { PositionsTable } from '../tables/PositionsTable';

export function TradesPage() {
  return (
    <>
      <PositionsTable />
      <OrdersTable />
      <FillsTable />
    </>
  );
}
