import type { Approval } from '../domain/approval.js';
import type { Candle, Timeframe } from '../domain/market.js';
import { type EquitySnapshot, type Fill, isOpenStatus, type MetricsSnapshot, type Order, type Position } from '../domain/orders.js';
import type { AuditEvent, AuditEventInput, AuditLog } from '../ports/auditLog.js';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from '../ports/pagination.js';
import type { ApprovalFilter, CandleGap, ConfigEntry, Store, TimeRange } from '../ports/store.js';

function page<T>(rows: readonly T[], req: PageRequest, matches: (row: T) => boolean): Page<T> {
  // Rows are kept oldest first; ids are 1-based positions.
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, req.limit));
  const items: T[] = [];
  let id = Math.min(rows.length, (req.cursor ?? rows.length + 1) - 1);
  for (; id >= 1 && items.length <= limit; id--) {
    const row = rows[id - 1] as T;
    if (matches(row)) items.push(row);
  }
  if (items.length > limit) {
    items.pop();
    return { items, nextCursor: id + 2 };
  }
  return { items, nextCursor: null };
}

const inRange = (time: number, r: TimeRange) => (r.from === undefined || time >= r.from) && (r.to === undefined || time <= r.to);

/**
 * The `Store` port held in memory, for backtests and what-if runs: the same cycle code as paper
 * without a database. Only the latest `auditCapacity` events are kept (all are counted), so a year
 * of 1m candles does not hold half a million audit objects.
 */
export class InMemoryStore implements Store {
  private readonly candleRows = new Map<string, Map<number, Candle>>();
  private readonly gapRows: CandleGap[] = [];
  private readonly orderRows: Order[] = [];
  private readonly orderIndex = new Map<string, number>();
  private readonly fillRows: Fill[] = [];
  private readonly tradeIds = new Set<string>();
  private readonly positionRows = new Map<string, Position>();
  private readonly equityRows: EquitySnapshot[] = [];
  private readonly metricRows: MetricsSnapshot[] = [];
  private readonly approvalRows: Approval[] = [];
  private readonly configRows = new Map<string, ConfigEntry>();
  /** The latest events, a ring of `auditCapacity` slots (no shifting a full array per event). */
  private readonly events: AuditEvent[] = [];
  private eventsStart = 0;
  eventCount = 0;

  constructor(private readonly auditCapacity = 10_000) {}

  readonly candles = {
    upsertMany: (symbol: string, timeframe: Timeframe, candles: readonly Candle[]) => {
      const key = `${symbol}|${timeframe}`;
      const map = this.candleRows.get(key) ?? new Map<number, Candle>();
      this.candleRows.set(key, map);
      for (const c of candles) map.set(c.openTime, c);
      return candles.length;
    },
    range: (symbol: string, timeframe: Timeframe, from: number, to: number) =>
      this.sortedCandles(symbol, timeframe).filter((c) => c.openTime >= from && c.openTime <= to),
    latest: (symbol: string, timeframe: Timeframe, limit: number, before = Number.MAX_SAFE_INTEGER) =>
      this.sortedCandles(symbol, timeframe)
        .filter((c) => c.openTime <= before)
        .slice(-limit),
    bounds: (symbol: string, timeframe: Timeframe) => {
      const all = this.sortedCandles(symbol, timeframe);
      const first = all[0];
      const last = all[all.length - 1];
      return first && last ? { first: first.openTime, last: last.openTime, count: all.length } : null;
    },
    recordGap: (gap: CandleGap) => {
      this.gapRows.push(gap);
    },
    gaps: (symbol: string, timeframe: Timeframe) => this.gapRows.filter((g) => g.symbol === symbol && g.timeframe === timeframe),
  };

  readonly orders = {
    insert: (order: Order) => {
      if (this.orderIndex.has(order.clientOrderId)) throw new Error(`duplicate client order id ${order.clientOrderId}`);
      this.orderIndex.set(order.clientOrderId, this.orderRows.length);
      this.orderRows.push(order);
    },
    update: (order: Order) => {
      const i = this.orderIndex.get(order.clientOrderId);
      if (i !== undefined) this.orderRows[i] = { ...order, createdAt: (this.orderRows[i] as Order).createdAt };
    },
    byClientId: (id: string) => {
      const i = this.orderIndex.get(id);
      return i === undefined ? null : (this.orderRows[i] ?? null);
    },
    open: (symbol: string) => this.orderRows.filter((o) => o.symbol === symbol && isOpenStatus(o.status)),
    list: (f: { symbol?: string; status?: Order['status'] } & TimeRange, req: PageRequest) =>
      page(
        this.orderRows,
        req,
        (o) => (!f.symbol || o.symbol === f.symbol) && (!f.status || o.status === f.status) && inRange(o.createdAt, f),
      ),
  };

  readonly fills = {
    insert: (fill: Fill) => {
      const key = `${fill.symbol}|${fill.tradeId}`;
      if (this.tradeIds.has(key)) return false;
      this.tradeIds.add(key);
      this.fillRows.push(fill);
      return true;
    },
    list: (f: { symbol?: string; clientOrderId?: string } & TimeRange, req: PageRequest) =>
      page(
        this.fillRows,
        req,
        (x) => (!f.symbol || x.symbol === f.symbol) && (!f.clientOrderId || x.clientOrderId === f.clientOrderId) && inRange(x.time, f),
      ),
    all: (symbol: string) => this.fillRows.filter((x) => x.symbol === symbol),
  };

  readonly positions = {
    get: (symbol: string) => this.positionRows.get(symbol) ?? null,
    upsert: (p: Position) => {
      this.positionRows.set(p.symbol, p);
    },
    list: () => [...this.positionRows.values()],
  };

  readonly equity = {
    insert: (s: EquitySnapshot) => {
      this.equityRows.push(s);
    },
    latest: () => this.equityRows[this.equityRows.length - 1] ?? null,
    first: () => this.equityRows[0] ?? null,
    list: (r: TimeRange, req: PageRequest) => page(this.equityRows, req, (s) => inRange(s.time, r) && ofPair(s.symbol, r)),
    series: (from: number, pair?: Pick<TimeRange, 'symbol' | 'legacySymbol'>) =>
      this.equityRows
        .filter((s) => s.time >= from && (!pair || ofPair(s.symbol, pair)))
        .map((s) => ({ time: s.time, equity: Number(s.equity) })),
    // The row written last at each time (see EquityRepository.ticks).
    ticks: (r: Pick<TimeRange, 'from' | 'to'>, req: PageRequest) => {
      const last = this.equityRows.map((s, i) => (this.equityRows[i + 1]?.time === s.time ? null : s));
      const points = page(last, req, (s) => s !== null && inRange(s.time, r));
      return {
        items: points.items.map((s) => ({ time: (s as EquitySnapshot).time, equity: Number((s as EquitySnapshot).equity) })),
        nextCursor: points.nextCursor,
      };
    },
  };

  readonly metrics = {
    insert: (s: MetricsSnapshot) => {
      this.metricRows.push(s);
    },
    latest: () => this.metricRows[this.metricRows.length - 1] ?? null,
    list: (r: TimeRange, req: PageRequest) => page(this.metricRows, req, (s) => inRange(s.time, r) && ofPair(s.symbol, r)),
  };

  readonly approvals = {
    insert: (a: Parameters<Store['approvals']['insert']>[0]) => {
      const approval: Approval = {
        ...a,
        walkForward: a.walkForward ?? null,
        symbol: a.symbol ?? null,
        id: this.approvalRows.length + 1,
        status: 'PENDING',
        decidedBy: null,
        decidedAt: null,
        comment: null,
      };
      this.approvalRows.push(approval);
      return approval;
    },
    get: (id: number) => this.approvalRows[id - 1] ?? null,
    decide: (id: number, d: Parameters<Store['approvals']['decide']>[1]) => {
      const a = this.approvalRows[id - 1];
      if (a?.status !== 'PENDING') return null;
      const decided: Approval = { ...a, status: d.status, decidedBy: d.decidedBy, decidedAt: d.decidedAt, comment: d.comment };
      this.approvalRows[id - 1] = decided;
      return decided;
    },
    list: (f: ApprovalFilter, req: PageRequest) =>
      page(
        this.approvalRows,
        req,
        (a) =>
          (!f.status || a.status === f.status) &&
          (!f.symbol || a.symbol === f.symbol || (a.symbol === null && f.legacySymbol === f.symbol)),
      ),
    pendingExpiredAt: (now: number) => this.approvalRows.filter((a) => a.status === 'PENDING' && a.expiresAt <= now),
  };

  readonly config = {
    get: <T = unknown>(key: string): T | null => (this.configRows.get(key)?.value as T | undefined) ?? null,
    entry: (key: string) => this.configRows.get(key) ?? null,
    set: (key: string, value: unknown, updatedBy: string, now: number) => {
      this.configRows.set(key, { key, value, updatedAt: now, updatedBy });
    },
    // By code unit, as SQLite's BINARY collation orders the table: localeCompare would follow the
    // machine's locale (and put "b" before "Z"), so a backtest could read entries in another order.
    all: () => [...this.configRows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };

  readonly audit: AuditLog = {
    append: (e: AuditEventInput): AuditEvent => {
      this.eventCount++;
      const event: AuditEvent = {
        id: this.eventCount,
        time: e.time,
        type: e.type,
        actor: e.actor,
        reason: e.reason,
        inputs: e.inputs ?? {},
        outcome: e.outcome ?? 'ok',
        correlationId: e.correlationId ?? null,
        prevHash: '',
        hash: '',
      };
      if (this.events.length < this.auditCapacity) this.events.push(event);
      else if (this.auditCapacity > 0) {
        this.events[this.eventsStart] = event;
        this.eventsStart = (this.eventsStart + 1) % this.auditCapacity;
      }
      return event;
    },
    list: (f, req) =>
      page(
        this.keptEvents(),
        req,
        (e) =>
          (!f.type || e.type === f.type) &&
          (!f.typePrefix || e.type.startsWith(f.typePrefix)) &&
          (!f.actor || e.actor === f.actor) &&
          inRange(e.time, f),
      ),
    verify: () => ({ ok: true, count: this.eventCount }),
  };

  /** The kept events, oldest first. */
  private keptEvents(): AuditEvent[] {
    return this.eventsStart === 0 ? this.events : [...this.events.slice(this.eventsStart), ...this.events.slice(0, this.eventsStart)];
  }

  /** Every order in placement order (backtest reports). */
  allOrders(): readonly Order[] {
    return this.orderRows;
  }

  /**
   * No rollback in memory: a backtest stops at the first failed cycle, so a half-written cycle is
   * never read. (The SQLite store is the one whose transactions protect real money.)
   */
  transaction<T>(work: () => T): T {
    return work();
  }

  private sortedCandles(symbol: string, timeframe: Timeframe): Candle[] {
    return [...(this.candleRows.get(`${symbol}|${timeframe}`)?.values() ?? [])].sort((a, b) => a.openTime - b.openTime);
  }
}

/** A snapshot row belongs to the requested pair (rows from before several pairs: to `legacySymbol`). */
function ofPair(symbol: string | null | undefined, r: TimeRange): boolean {
  if (r.symbol === undefined) return true;
  return symbol === r.symbol || ((symbol === null || symbol === undefined) && r.legacySymbol === r.symbol);
}
