import { PriceChartPanel } from '../charts/PriceChartPanel';
import { GridLevelsTable } from '../strategy/GridLevelsTable';

export function ChartPage() {
  return (
    <>
      <PriceChartPanel height={560} />
      <GridLevelsTable />
    </>
  );
}
