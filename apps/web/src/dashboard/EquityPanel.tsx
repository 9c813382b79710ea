import { useEquity } from '../api/queries';
import { EquityChart } from '../charts/EquityChart';
import { ErrorBox } from '../components/ErrorBox';

export function EquityPanel() {
  const equity = useEquity();
  const items = equity.data?.items ?? [];
  return (
    <section className="card" aria-label="Equity curve">
      <header className="card-head">
        <h2>Equity</h2>
        <span className="muted small">{items.length} snapshots</span>
      </header>
      <ErrorBox error={equity.error} />
      {items.length === 0 && !equity.isPending ? (
        <p className="muted empty">No equity snapshots yet — one is written each cycle.</p>
      ) : (
        <EquityChart snapshots={items} />
      )}
    </section>
  );
}
