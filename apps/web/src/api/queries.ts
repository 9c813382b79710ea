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
  EquitySnapshot,
  Fill,
  MetricsSnapshot,
  Order,
  Page,
  Position,
  StrategyInfo,
  SystemStatus,
  Timeframe,
  UserView,
} from './types';

/** Query keys: the first element names the resource so live updates can invalidate by prefix. */
export const keys = {
  status: ['status'] as const,
  candles: (symbol: string, timeframe: string) => ['candles', symbol, timeframe] as const,
  equity: ['equity'] as const,
  metrics: ['metrics'] as const,
  orders: (f: object) => ['orders', f] as const,
  fills: (f: object) => ['fills', f] as const,
  positions: ['positions'] as const,
  events: (f: object) => ['events', f] as const,
  verify: ['events-verify'] as const,
  approvals: (f: object) => ['approvals', f] as const,
  strategy: ['strategy'] as const,
  config: ['config'] as const,
  users: ['users'] as const,
};

export type Filters = Record<string, string | number | undefined>;

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

export const useCandles = (symbol: string | undefined, timeframe: Timeframe | undefined, limit = 300) =>
  useQuery({
    queryKey: keys.candles(symbol ?? '', timeframe ?? ''),
    queryFn: () => api.get<{ items: readonly Candle[] }>('/api/candles', { symbol, timeframe, limit }),
    enabled: Boolean(symbol && timeframe),
    placeholderData: keepPreviousData,
  });

export const useEquity = (limit = 500) =>
  useQuery({ queryKey: keys.equity, queryFn: () => api.get<Page<EquitySnapshot>>('/api/equity', { limit }) });

export const useMetrics = () =>
  useQuery({ queryKey: keys.metrics, queryFn: () => api.get<Page<MetricsSnapshot>>('/api/metrics', { limit: 1 }) });

export const useOrders = (f: Filters) =>
  useQuery({ queryKey: keys.orders(f), queryFn: () => api.get<Page<Order>>('/api/orders', f), placeholderData: keepPreviousData });

export const useFills = (f: Filters) =>
  useQuery({ queryKey: keys.fills(f), queryFn: () => api.get<Page<Fill>>('/api/fills', f), placeholderData: keepPreviousData });

export const usePositions = () =>
  useQuery({ queryKey: keys.positions, queryFn: () => api.get<{ items: readonly Position[] }>('/api/positions').then((p) => p.items) });

export const useEvents = (f: Filters) =>
  useQuery({ queryKey: keys.events(f), queryFn: () => api.get<Page<AuditEvent>>('/api/events', f), placeholderData: keepPreviousData });

export const useVerify = () => useQuery({ queryKey: keys.verify, queryFn: () => api.get<AuditVerification>('/api/events/verify') });

export const useApprovals = (f: { status?: ApprovalStatus; limit?: number; cursor?: number }) =>
  useQuery({ queryKey: keys.approvals(f), queryFn: () => api.get<Page<Approval>>('/api/approvals', f), placeholderData: keepPreviousData });

export const useStrategy = () => useQuery({ queryKey: keys.strategy, queryFn: () => api.get<StrategyInfo>('/api/strategy') });

export const useConfig = () => useQuery({ queryKey: keys.config, queryFn: () => api.get<ConfigView>('/api/config') });

/** Admins only (the server answers 403 to anyone else), so the caller enables it for admins. */
export const useUsers = (enabled: boolean) =>
  useQuery({ queryKey: keys.users, queryFn: () => api.get<{ items: readonly UserView[] }>('/api/users'), enabled });
