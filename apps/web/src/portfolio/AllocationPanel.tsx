import { usePortfolio } from '../api/queries';
import { ErrorBox } from '../components/ErrorBox';
import { money, pct } from '../format';
import { allocationSlices } from './allocation';
import { pairColour } from './palette';

/** How the account's equity is split between the pairs' positions and the quote held, as one bar and a legend. */
export function AllocationPanel() {
  const portfolio = usePortfolio();
  const p = portfolio.data;
  const slices = p ? allocationSlices(p) : [];
  return (
    <section className="card" aria-label="Allocation">
      <header className="card-head">
        <h2>Allocation</h2>
        {p ? (
          <span className="muted small" data-testid="exposure">
            exposure {pct(p.exposurePct, 1)} of {money(p.equity)} {p.quote}
          </span>
        ) : null}
      </header>
      <ErrorBox error={portfolio.error} />
      <div
        className="allocation-bar"
        data-testid="allocation"
        role="img"
        aria-label={slices.map((s) => `${s.label} ${pct(s.pct, 1)}`).join(', ')}
      >
        {slices.map((s, i) => (
          <span
            key={s.label}
            className={`slice slice-${s.kind}`}
            data-slice={s.label}
            data-pct={s.pct.toFixed(2)}
            style={{ width: `${s.pct}%`, background: s.kind === 'quote' ? undefined : pairColour(i) }}
          />
        ))}
      </div>
      <ul className="allocation-legend">
        {slices.map((s, i) => (
          <li key={s.label}>
            <span className={`swatch slice-${s.kind}`} style={{ background: s.kind === 'quote' ? undefined : pairColour(i) }} />
            <span className="label">{s.kind === 'quote' ? `${s.label} (cash)` : s.label}</span>
            <span className="num small">{money(s.value)}</span>
            <span className="num small pct">{pct(s.pct, 1)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
