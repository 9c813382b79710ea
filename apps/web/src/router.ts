import { useEffect, useState } from 'react';

/**
 * Hash routes: the API server serves one index.html, so no server-side fallback is needed for deep
 * links. A route may carry the selected pair, `#/chart?pair=ETH%2FUSDT`, so a copied link opens the
 * same pair.
 */
export const ROUTES = [
  { path: 'dashboard', label: 'Dashboard' },
  { path: 'chart', label: 'Chart' },
  { path: 'approvals', label: 'Approvals' },
  { path: 'trades', label: 'Trades' },
  { path: 'events', label: 'Audit log' },
  { path: 'config', label: 'Config' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

/** The route named by a location hash (`#/chart?pair=…` → chart); the dashboard for anything else. */
export function routeOf(hash: string): RoutePath {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (ROUTES.find((r) => r.path === path)?.path ?? 'dashboard') as RoutePath;
}

/** The `pair` of a location hash (`BASE/QUOTE`, decoded), or null when the link names none. */
export function pairOf(hash: string): string | null {
  const query = hash.split('?')[1];
  return query ? new URLSearchParams(query).get('pair') || null : null;
}

/** The location hash, kept current across back/forward and link clicks. */
function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export const useRoute = (): RoutePath => routeOf(useHash());

/** The pair the URL asks for (not yet checked against the traded pairs: see useSelectedPair). */
export const usePairParam = (): string | null => pairOf(useHash());

/** A link to a page, keeping a pair selection when given one. */
export const href = (path: RoutePath, pair?: string | null) => (pair ? `#/${path}?pair=${encodeURIComponent(pair)}` : `#/${path}`);

/** Selects a pair on the current page: a new history entry, so Back returns to the previous pair. */
export function navigateToPair(pair: string): void {
  window.location.hash = href(routeOf(window.location.hash), pair);
}
