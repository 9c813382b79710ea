import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { ApiError, api, onUnauthorized } from './api/client';
import type { Me } from './api/types';
import { LoginPage } from './auth/LoginPage';
import { type Session, SessionContext } from './auth/SessionContext';
import { clearToken, readToken } from './auth/tokenStore';
import { ErrorBox } from './components/ErrorBox';
import { Shell } from './layout/Shell';

/** The server's /me answer, whatever it calls the user's name. */
function normalizeMe(raw: Record<string, unknown>): Me {
  const user = raw.user;
  const nested = typeof user === 'object' && user !== null ? (user as Record<string, unknown>) : null;
  const username = String(raw.username ?? nested?.username ?? nested?.name ?? user ?? raw.name ?? 'unknown');
  const role = (raw.role ?? nested?.role ?? 'viewer') as Me['role'];
  return { username, role, authEnabled: typeof raw.authEnabled === 'boolean' ? raw.authEnabled : undefined };
}

export function App() {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => api.get<Record<string, unknown>>('/api/auth/me').then(normalizeMe),
    retry: false,
    staleTime: Infinity,
  });

  useEffect(() => onUnauthorized(() => client.resetQueries({ queryKey: ['me'] })), [client]);

  const logout = useCallback(() => {
    // The request picks up the token before it is cleared; the server revokes every token of the user.
    void api.post('/api/auth/logout').catch(() => undefined);
    clearToken();
    // Resetting refetches /me without a token → 401 → the login page, and drops the old user's data.
    void client.resetQueries();
  }, [client]);

  const session = useMemo<Session | null>(
    () => (me.data ? { me: me.data, authEnabled: me.data.authEnabled ?? readToken() !== null, logout } : null),
    [me.data, logout],
  );

  if (me.isPending) return <p className="boot">Connecting to Warden…</p>;
  if (me.error instanceof ApiError && me.error.status === 401) return <LoginPage onLoggedIn={() => me.refetch()} />;
  if (me.error || !session) {
    return (
      <main className="boot">
        <ErrorBox error={me.error} />
        <button type="button" onClick={() => me.refetch()}>
          Retry
        </button>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
