import { usePortfolio, usePortfolioEquity } from '../api/queries';
import { EquityChart } from '../charts/EquityChart';
import { ErrorBox } from '../components/ErrorBox';
import { AccountPerformanceLine } from './AccountPerformanceLine';

/** The account's equity curve: every pair and the quote held, one point per cycle tick. */
export function PortfolioEquityPanel() {
  const equity = usePortfolioEquity();
  const portfolio = usePortfolio().data;
  const quote = portfolio?.quote;
  const items = equity.data?.items ?? [];
  return (
    <section className="card" aria-label="Equity curve">
      <header className="card-head">
        <h2>Portfolio equity{quote ? <span className="muted small"> ({quote})</span> : null}</h2>
        <span className="muted small">{items.length} points</span>
      </header>
      {portfolio?.performance ? <AccountPerformanceLine performance={portfolio.performance} quote={portfolio.quote} /> : null}
      <ErrorBox error={equity.error} />
      {items.length === 0 && !equity.isPending ? (
        <p className="muted empty">No equity yet — a point is written each cycle.</p>
      ) : (
        <EquityChart points={items} />
      )}
    </section>
  );
}
