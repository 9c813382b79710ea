import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { syncServerClock } from '../serverClock';
import { api } from './client';
import type {
  Approval,
  ApprovalStatus,
  AuditEvent,
  AuditVerification,
  Candle,
  ConfigView,
  Fill,
  MetricsSnapshot,
  Order,
  Page,
  Portfolio,
  PortfolioEquityPoint,
  Position,
  StrategyInfo,
  SystemStatus,
  Timeframe,
  UserView,
} from './types';

/**
 * Query keys: the first element names the resource so live updates can invalidate by prefix; a
 * pair's data has the symbol second (a string, or `symbol` in a filter object) so an update about
 * one pair refreshes only that pair's data (see staleQueries.ts).
 */
export const keys = {
  status: ['status'] as const,
  candles: (symbol: string, timeframe: string) => ['candles', symbol, timeframe] as const,
  metrics: (symbol: string) => ['metrics', symbol] as const,
  orders: (f: Filters) => ['orders', f] as const,
  fills: (f: Filters) => ['fills', f] as const,
  positions: (f: Filters) => ['positions', f] as const,
  events: (f: object) => ['events', f] as const,
  verify: ['events-verify'] as const,
  approvals: (f: object) => ['approvals', f] as const,
  strategy: (symbol: string) => ['strategy', symbol] as const,
  portfolio: ['portfolio'] as const,
  portfolioEquity: ['portfolio-equity'] as const,
  config: ['config'] as const,
  users: ['users'] as const,
};

export type Filters = Record<string, string | number | undefined>;

/**
 * While the next page of the same pair loads, keep showing the current one (no flicker when paging
 * or filtering); after a switch to another pair show nothing rather than the old pair's rows.
 */
function keepSamePair<T>(symbol: string | undefined) {
  return (previous: T | undefined, query: { queryKey: readonly unknown[] } | undefined): T | undefined => {
    const scope = query?.queryKey[1];
    const before = typeof scope === 'string' ? scope : (scope as Filters | undefined)?.symbol;
    return before === symbol ? keepPreviousData(previous) : undefined;
  };
}

export const useStatus = () =>
  useQuery({
    queryKey: keys.status,
    queryFn: async () => {
      const status = await api.get<SystemStatus>('/api/system/status');
      syncServerClock(status.serverTime);
      return status;
    },
    refetchInterval: 15_000,
  });

/** GET /api/candles: a pair's candles, tagged with the pair and timeframe they are of (the chart says which it drew). */
export interface CandleSet {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly items: readonly Candle[];
}

export const useCandles = (symbol: string | undefined, timeframe: Timeframe | undefined, limit = 300) =>
  useQuery({
    queryKey: keys.candles(symbol ?? '', timeframe ?? ''),
    queryFn: () => api.get<CandleSet>('/api/candles', { symbol, timeframe, limit }),
    enabled: Boolean(symbol && timeframe),
    placeholderData: keepSamePair<CandleSet>(symbol),
  });

/** The pair's newest metrics snapshot (trade statistics are per pair). */
export const useMetrics = (symbol: string | undefined) =>
  useQuery({
    queryKey: keys.metrics(symbol ?? ''),
    queryFn: () => api.get<Page<MetricsSnapshot>>('/api/metrics', { symbol, limit: 1 }),
    enabled: Boolean(symbol),
  });

/** A filter's pair, when it names one. */
const symbolOf = (f: Filters) => (typeof f.symbol === 'string' ? f.symbol : undefined);

export const useOrders = (f: Filters) =>
  useQuery({
    queryKey: keys.orders(f),
    queryFn: () => api.get<Page<Order>>('/api/orders', f),
    placeholderData: keepSamePair(symbolOf(f)),
  });

export const useFills = (f: Filters) =>
  useQuery({
    queryKey: keys.fills(f),
    queryFn: () => api.get<Page<Fill>>('/api/fills', f),
    placeholderData: keepSamePair(symbolOf(f)),
  });

/** Positions, of one pair or (no symbol) every pair. */
export const usePositions = (symbol?: string) =>
  useQuery({
    queryKey: keys.positions({ symbol }),
    queryFn: () => api.get<{ items: readonly Position[] }>('/api/positions', { symbol }).then((p) => p.items),
  });

export const useEvents = (f: Filters) =>
  useQuery({ queryKey: keys.events(f), queryFn: () => api.get<Page<AuditEvent>>('/api/events', f), placeholderData: keepPreviousData });

export const useVerify = () => useQuery({ queryKey: keys.verify, queryFn: () => api.get<AuditVerification>('/api/events/verify') });

export const useApprovals = (f: { status?: ApprovalStatus; symbol?: string; limit?: number; cursor?: number }) =>
  useQuery({ queryKey: keys.approvals(f), queryFn: () => api.get<Page<Approval>>('/api/approvals', f), placeholderData: keepPreviousData });

/** A pair's strategy: name, parameters, tunable bounds and its describe() (grid levels). */
export const useStrategy = (symbol: string | undefined) =>
  useQuery({
    queryKey: keys.strategy(symbol ?? ''),
    queryFn: () => api.get<StrategyInfo>('/api/strategy', { symbol }),
    enabled: Boolean(symbol),
  });

/** The account: equity, quote balance, exposure and each pair's value, allocation and PnL. */
export const usePortfolio = () => useQuery({ queryKey: keys.portfolio, queryFn: () => api.get<Portfolio>('/api/portfolio') });

/** The account's equity curve, one point per cycle tick, newest first. */
export const usePortfolioEquity = (limit = 500) =>
  useQuery({
    queryKey: keys.portfolioEquity,
    queryFn: () => api.get<Page<PortfolioEquityPoint>>('/api/portfolio/equity', { limit }),
  });

export const useConfig = () => useQuery({ queryKey: keys.config, queryFn: () => api.get<ConfigView>('/api/config') });

/** Admins only (the server answers 403 to anyone else), so the caller enables it for admins. */
export const useUsers = (enabled: boolean) =>
  useQuery({ queryKey: keys.users, queryFn: () => api.get<{ items: readonly UserView[] }>('/api/users'), enabled });
