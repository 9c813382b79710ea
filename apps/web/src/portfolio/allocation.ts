import type { Portfolio } from '../api/types';

/** One share of the account's equity: a pair's position, or the quote held. */
export interface AllocationSlice {
  /** The pair (`BTC/USDT`), or the quote asset (`USDT`) for the last slice. */
  readonly label: string;
  readonly kind: 'pair' | 'quote';
  /** Quote units. */
  readonly value: number;
  /** Percent of equity, 0–100; the slices of an account with equity sum to 100. */
  readonly pct: number;
}

const share = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/**
 * How the account's equity is split: each pair's `allocationPct` as the server computed it (value /
 * equity × 100), then the quote held as the rest. Shares are clamped to [0, 100] and, should the
 * pairs' rounded shares add to more than 100, scaled down so the bar never overflows; the quote's
 * share is what remains (GET /api/portfolio: "the remaining share is quote").
 */
export function allocationSlices(portfolio: Pick<Portfolio, 'quote' | 'quoteBalance' | 'pairs'>): AllocationSlice[] {
  const raw = portfolio.pairs.map((p) => Math.min(100, share(p.allocationPct)));
  const total = raw.reduce((a, b) => a + b, 0);
  const scale = total > 100 ? 100 / total : 1;
  const pairs: AllocationSlice[] = portfolio.pairs.map((p, i) => ({
    label: p.symbol,
    kind: 'pair',
    value: share(p.value),
    pct: (raw[i] ?? 0) * scale,
  }));
  const used = pairs.reduce((a, s) => a + s.pct, 0);
  const anyEquity = used > 0 || share(portfolio.quoteBalance) > 0;
  return [
    ...pairs,
    { label: portfolio.quote, kind: 'quote', value: share(portfolio.quoteBalance), pct: anyEquity ? Math.max(0, 100 - used) : 0 },
  ];
}
