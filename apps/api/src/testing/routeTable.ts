import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { PAIR_STATE_KEY, type PairState } from '@warden/core/state/pairState';
import type { TradingState } from '@warden/core/state/tradingState';
import type { Access } from '../auth/principal.js';
import { type ApiHarness, PASSWORD } from './apiHarness.js';
import { insertProposal } from './realServices.js';

/** One API route as the tests drive it: who may call it, and how to make a call that succeeds. */
export interface RouteCase {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly access: Access;
  /** Arranges state so an authorized call succeeds; returns the concrete path. */
  readonly arrange?: (h: ApiHarness) => string;
  readonly body?: unknown;
  readonly sse?: boolean;
}

/** Puts the state machine where the transition is legal, so only the role decides the outcome. */
const inState = (state: TradingState, path: string) => (h: ApiHarness) => {
  h.store.config.set(CONFIG_KEYS.tradingState, state, 'test', h.clock.now());
  return path;
};
/** A throwaway account per call, so changing or removing it never touches the callers' own. */
let spareUsers = 0;
const withSpareUser = (h: ApiHarness) => {
  const username = `spare${++spareUsers}`;
  h.store.users.create({ username, passwordHash: 'not-a-login', role: 'viewer', now: h.clock.now() });
  return `/api/users/${username}`;
};
/** The account RUNNING and the first pair's own switch at `pair`, so only the role decides a pair's pause or resume. */
const pairIn = (pair: PairState, path: string) => (h: ApiHarness) => {
  h.store.config.set(CONFIG_KEYS.tradingState, 'RUNNING', 'test', h.clock.now());
  pairStore(h.store, h.config.tradingSymbols[0] as string).config.set(PAIR_STATE_KEY, pair, 'test', h.clock.now());
  return path;
};
const withProposal = (decision: string) => (h: ApiHarness) => `/api/approvals/${insertProposal(h.store, h.clock.now()).id}/${decision}`;

export const ROUTES: readonly RouteCase[] = [
  { method: 'GET', path: '/api/health', access: 'public' },
  { method: 'POST', path: '/api/auth/login', access: 'public', body: { username: 'viewer', password: PASSWORD } },
  { method: 'GET', path: '/api/auth/me', access: 'viewer' },
  { method: 'POST', path: '/api/auth/logout', access: 'viewer' },
  { method: 'GET', path: '/api/system/status', access: 'viewer' },
  { method: 'GET', path: '/api/candles?timeframe=5m&limit=10', access: 'viewer' },
  { method: 'GET', path: '/api/orders?status=NEW&limit=10', access: 'viewer' },
  { method: 'GET', path: '/api/fills', access: 'viewer' },
  { method: 'GET', path: '/api/positions', access: 'viewer' },
  { method: 'GET', path: '/api/equity', access: 'viewer' },
  { method: 'GET', path: '/api/metrics', access: 'viewer' },
  { method: 'GET', path: '/api/portfolio', access: 'viewer' },
  { method: 'GET', path: '/api/portfolio/equity?limit=10', access: 'viewer' },
  { method: 'GET', path: '/api/events?typePrefix=state.&limit=5', access: 'viewer' },
  { method: 'GET', path: '/api/events/verify', access: 'viewer' },
  { method: 'GET', path: '/api/strategy', access: 'viewer' },
  { method: 'GET', path: '/api/config', access: 'viewer' },
  { method: 'GET', path: '/api/approvals?status=PENDING', access: 'viewer' },
  {
    method: 'GET',
    path: '/api/approvals/:id',
    access: 'viewer',
    arrange: (h) => `/api/approvals/${insertProposal(h.store, h.clock.now()).id}`,
  },
  { method: 'GET', path: '/api/stream', access: 'viewer', sse: true },
  {
    method: 'POST',
    path: '/api/system/pause',
    access: 'operator',
    body: { reason: 'maintenance' },
    arrange: inState('RUNNING', '/api/system/pause'),
  },
  { method: 'POST', path: '/api/system/resume', access: 'operator', arrange: inState('PAUSED', '/api/system/resume') },
  { method: 'POST', path: '/api/system/emergency-stop', access: 'operator', body: { reason: 'test' } },
  {
    method: 'POST',
    path: '/api/system/manual-resume',
    access: 'admin',
    body: { reason: 'checked the exchange' },
    arrange: inState('EMERGENCY_STOP', '/api/system/manual-resume'),
  },
  {
    method: 'POST',
    path: '/api/pairs/pause',
    access: 'operator',
    body: { symbol: 'BTC/USDT', reason: 'news' },
    arrange: pairIn('RUNNING', '/api/pairs/pause'),
  },
  {
    method: 'POST',
    path: '/api/pairs/resume',
    access: 'operator',
    body: { symbol: 'BTC/USDT' },
    arrange: pairIn('PAUSED', '/api/pairs/resume'),
  },
  { method: 'POST', path: '/api/scheduler/start', access: 'operator' },
  { method: 'POST', path: '/api/scheduler/stop', access: 'operator' },
  { method: 'POST', path: '/api/approvals/:id/approve', access: 'operator', body: { comment: 'ok' }, arrange: withProposal('approve') },
  { method: 'POST', path: '/api/approvals/:id/reject', access: 'operator', arrange: withProposal('reject') },
  { method: 'POST', path: '/api/advisor/run', access: 'operator' },
  { method: 'GET', path: '/api/users', access: 'admin' },
  {
    method: 'POST',
    path: '/api/users',
    access: 'admin',
    body: { username: 'newcomer', role: 'viewer', password: PASSWORD },
    arrange: (h) => {
      h.store.users.remove('newcomer');
      return '/api/users';
    },
  },
  { method: 'PATCH', path: '/api/users/:username', access: 'admin', body: { role: 'operator' }, arrange: withSpareUser },
  { method: 'DELETE', path: '/api/users/:username', access: 'admin', arrange: withSpareUser },
  {
    method: 'POST',
    path: '/api/live/orders',
    access: 'admin',
    body: { symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', quantity: '0.001', reason: 'manual' },
  },
];

/** Calls a route case; SSE routes are read only up to their response headers. */
export async function call(h: ApiHarness, route: RouteCase, token: string | null): Promise<number> {
  const path = route.arrange ? route.arrange(h) : route.path;
  if (route.sse) {
    const abort = new AbortController();
    const res = await fetch(h.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal });
    abort.abort();
    return res.status;
  }
  return (await h.request(route.method, path, { token, body: route.body })).status;
}
