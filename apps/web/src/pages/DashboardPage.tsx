import { PriceChartPanel } from '../charts/PriceChartPanel';
import { ControlsPanel } from '../controls/ControlsPanel';
import { EquityPanel } from '../dashboard/EquityPanel';
import { KeyFigures } from '../dashboard/KeyFigures';
import { ReadinessPanel } from '../dashboard/ReadinessPanel';

export function DashboardPage() {
  return (
    <>
      <KeyFigures />
      <div className="grid-main">
        <div className="col-wide">
          <PriceChartPanel />
          <EquityPanel />
        </div>
        <div className="col-side">
          <ControlsPanel />
          <ReadinessPanel />
        </div>
      </div>
    </>
  );
}
