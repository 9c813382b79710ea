import { useLiveUpdates } from '../api/useLiveUpdates';
import { useSession } from '../auth/SessionContext';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { ChartPage } from '../pages/ChartPage';
import { ConfigPage } from '../pages/ConfigPage';
import { DashboardPage } from '../pages/DashboardPage';
import { EventsPage } from '../pages/EventsPage';
import { TradesPage } from '../pages/TradesPage';
import { PairSelector } from '../pairs/PairSelector';
import { href, ROUTES, usePairParam, useRoute } from '../router';
import { StateBanner } from './StateBanner';

const PAGES = {
  dashboard: DashboardPage,
  chart: ChartPage,
  approvals: ApprovalsPage,
  trades: TradesPage,
  events: EventsPage,
  config: ConfigPage,
} as const;

export function Shell() {
  const route = useRoute();
  // Moving between pages keeps the pair the URL selects.
  const pair = usePairParam();
  const stream = useLiveUpdates();
  const { me, authEnabled, logout } = useSession();
  const Page = PAGES[route];
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href('dashboard', pair)}>
          <span className="logo">◆</span> Warden
        </a>
        <nav aria-label="Pages">
          {ROUTES.map((r) => (
            <a key={r.path} href={href(r.path, pair)} aria-current={r.path === route ? 'page' : undefined}>
              {r.label}
            </a>
          ))}
        </nav>
        <PairSelector />
        <div className="who">
          <span className={`stream stream-${stream}`} title={`live updates: ${stream}`} data-testid="stream-status" data-stream={stream}>
            ●
          </span>
          <span data-testid="current-user">{me.username}</span>
          <span className={`role role-${me.role}`} data-testid="current-role">
            {me.role}
          </span>
          {authEnabled ? (
            <button type="button" className="link" onClick={logout}>
              Sign out
            </button>
          ) : (
            <span className="muted small" title="AUTH_ENABLED=false: every request acts as admin">
              auth off
            </span>
          )}
        </div>
      </header>
      <StateBanner />
      <main className="page" data-page={route}>
        <Page />
      </main>
    </div>
  );
}
