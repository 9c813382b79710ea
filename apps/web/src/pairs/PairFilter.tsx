import { useSelectedPair } from './useSelectedPair';

/** A "which pair" filter for lists: every pair ('') or one. Hidden when one pair is traded. */
export function PairFilter({ value, onChange }: { value: string; onChange: (symbol: string) => void }) {
  const { pairs } = useSelectedPair();
  if (pairs.length < 2) return null;
  return (
    <select aria-label="Pair filter" data-testid="pair-filter" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">all pairs</option>
      {pairs.map((p) => (
        <option key={p.symbol} value={p.symbol}>
          {p.symbol}
        </option>
      ))}
    </select>
  );
}
