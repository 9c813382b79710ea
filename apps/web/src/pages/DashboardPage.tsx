import { PriceChartPanel } from '../charts/PriceChartPanel';
import { ControlsPanel } from '../controls/ControlsPanel';
import { KeyFigures } from '../dashboard/KeyFigures';
import { ReadinessPanel } from '../dashboard/ReadinessPanel';
import { AllocationPanel } from '../portfolio/AllocationPanel';
import { PairsTable } from '../portfolio/PairsTable';
import { PortfolioEquityPanel } from '../portfolio/PortfolioEquityPanel';

/** The account at a glance: key figures, every pair (pause/resume), the selected pair's chart, the portfolio's equity and allocation, the controls. */
export function DashboardPage() {
  return (
    <>
      <KeyFigures />
      <PairsTable />
      <div className="grid-main">
        <div className="col-wide">
          <PriceChartPanel />
          <PortfolioEquityPanel />
        </div>
        <div className="col-side">
          <ControlsPanel />
          <AllocationPanel />
          <ReadinessPanel />
        </div>
      </div>
    </>
  );
}
