import { navigateToPair } from '../router';
import { PairStateBadge, pairStateLabel } from './PairStateBadge';
import { useSelectedPair } from './useSelectedPair';

/**
 * The header's pair picker: every traded pair with its strategy and state. Picking one puts it in
 * the URL (`?pair=`), so the chart, the figures and a copied link follow. Hidden with one pair.
 */
export function PairSelector() {
  const { pairs, selected, unknown } = useSelectedPair();
  if (pairs.length < 2 || !selected) return null;
  return (
    <div className="pair-picker">
      <select aria-label="Pair" data-testid="pair-selector" value={selected.symbol} onChange={(e) => navigateToPair(e.target.value)}>
        {pairs.map((p) => (
          <option key={p.symbol} value={p.symbol} data-state={p.state}>
            {p.symbol} · {p.strategy} · {pairStateLabel(p.state, p.paused)}
          </option>
        ))}
      </select>
      <PairStateBadge state={selected.state} paused={selected.paused} />
      {unknown ? (
        <span className="warn small" role="status">
          {unknown} is not traded; showing {selected.symbol}
        </span>
      ) : null}
    </div>
  );
}
