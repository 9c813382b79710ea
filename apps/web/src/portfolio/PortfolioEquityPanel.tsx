import { usePortfolio, usePortfolioEquity } from '../api/queries';
import { EquityChart } from '../charts/EquityChart';
import { ErrorBox } from '../components/ErrorBox';

/** The account's equity curve: every pair and the quote held, one point per cycle tick. */
export function PortfolioEquityPanel() {
  const equity = usePortfolioEquity();
  const quote = usePortfolio().data?.quote;
  const items = equity.data?.items ?? [];
  return (
    <section className="card" aria-label="Equity curve">
      <header className="card-head">
        <h2>Portfolio equity{quote ? <span className="muted small"> ({quote})</span> : null}</h2>
        <span className="muted small">{items.length} points</span>
      </header>
      <ErrorBox error={equity.error} />
      {items.length === 0 && !equity.isPending ? (
        <p className="muted empty">No equity yet — a point is written each cycle.</p>
      ) : (
        <EquityChart points={items} />
      )}
    </section>
  );
}
