import { useEffect, useState } from 'react';

/** Hash routes: the API server serves one index.html, so no server-side fallback is needed for deep links. */
export const ROUTES = [
  { path: 'dashboard', label: 'Dashboard' },
  { path: 'chart', label: 'Chart' },
  { path: 'approvals', label: 'Approvals' },
  { path: 'trades', label: 'Trades' },
  { path: 'events', label: 'Audit log' },
  { path: 'config', label: 'Config' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

function current(): RoutePath {
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (ROUTES.find((r) => r.path === path)?.path ?? 'dashboard') as RoutePath;
}

export function useRoute(): RoutePath {
  const [route, setRoute] = useState<RoutePath>(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = (path: RoutePath) => `#/${path}`;
