import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The seed's nine tables plus users and candle gaps. Money columns are exact decimal strings. */

export const candlesCache = sqliteTable(
  'candles_cache',
  {
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    openTime: integer('open_time').notNull(),
    open: real('open').notNull(),
    high: real('high').notNull(),
    low: real('low').notNull(),
    close: real('close').notNull(),
    volume: real('volume').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.timeframe, t.openTime], name: 'candles_cache_pk' })],
);

export const candleGaps = sqliteTable(
  'candle_gaps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    fromOpenTime: integer('from_open_time').notNull(),
    toOpenTime: integer('to_open_time').notNull(),
  },
  (t) => [uniqueIndex('candle_gaps_key').on(t.symbol, t.timeframe, t.fromOpenTime)],
);

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientOrderId: text('client_order_id').notNull(),
    exchangeOrderId: text('exchange_order_id'),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    quantity: text('quantity').notNull(),
    price: text('price'),
    filledQuantity: text('filled_quantity').notNull(),
    avgFillPrice: text('avg_fill_price'),
    mode: text('mode').notNull(),
    cycleId: text('cycle_id'),
    reason: text('reason').notNull(),
    tag: text('tag'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_client_order_id').on(t.clientOrderId),
    index('orders_status').on(t.status, t.symbol),
    index('orders_symbol_created').on(t.symbol, t.createdAt),
  ],
);

export const fills = sqliteTable(
  'fills',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tradeId: text('trade_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    price: text('price').notNull(),
    quantity: text('quantity').notNull(),
    quoteQuantity: text('quote_quantity').notNull(),
    fee: text('fee').notNull(),
    feeAsset: text('fee_asset').notNull(),
    liquidity: text('liquidity').notNull(),
    time: integer('time').notNull(),
  },
  (t) => [
    uniqueIndex('fills_trade_id').on(t.symbol, t.tradeId),
    index('fills_client_order_id').on(t.clientOrderId),
    index('fills_symbol_time').on(t.symbol, t.time),
  ],
);

export const positions = sqliteTable('positions', {
  symbol: text('symbol').primaryKey(),
  quantity: text('quantity').notNull(),
  avgEntryPrice: text('avg_entry_price').notNull(),
  realizedPnl: text('realized_pnl').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const equitySnapshots = sqliteTable(
  'equity_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    time: integer('time').notNull(),
    cycleId: text('cycle_id'),
    /** The pair whose cycle wrote the row (null: written before several pairs; see the README). */
    symbol: text('symbol'),
    equity: text('equity').notNull(),
    quoteBalance: text('quote_balance').notNull(),
    baseBalance: text('base_balance').notNull(),
    price: text('price').notNull(),
    unrealizedPnl: text('unrealized_pnl').notNull(),
    realizedPnl: text('realized_pnl').notNull(),
  },
  (t) => [index('equity_snapshots_time').on(t.time), index('equity_snapshots_symbol_time').on(t.symbol, t.time)],
);

export const metricsSnapshots = sqliteTable(
  'metrics_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    time: integer('time').notNull(),
    cycleId: text('cycle_id'),
    symbol: text('symbol'),
    totalReturnPct: real('total_return_pct').notNull(),
    maxDrawdownPct: real('max_drawdown_pct').notNull(),
    winRate: real('win_rate').notNull(),
    profitFactor: real('profit_factor'),
    sharpe: real('sharpe'),
    feesPaid: real('fees_paid').notNull(),
    tradeCount: integer('trade_count').notNull(),
    exposurePct: real('exposure_pct').notNull(),
  },
  (t) => [index('metrics_snapshots_time').on(t.time), index('metrics_snapshots_symbol_time').on(t.symbol, t.time)],
);

export const approvals = sqliteTable(
  'approvals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    status: text('status').notNull(),
    change: text('change_json').notNull(),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    whatIf: text('what_if_json'),
    /** The pair a strategy-parameter proposal is for (null: an account-wide change, or written before several pairs). */
    symbol: text('symbol'),
    walkForward: text('walk_forward_json'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    comment: text('comment'),
  },
  (t) => [index('approvals_status_expires').on(t.status, t.expiresAt), index('approvals_created').on(t.createdAt)],
);

export const eventsLog = sqliteTable(
  'events_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    time: integer('time').notNull(),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason').notNull(),
    inputs: text('inputs_json').notNull(),
    outcome: text('outcome').notNull(),
    correlationId: text('correlation_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('events_log_time').on(t.time),
    index('events_log_type_time').on(t.type, t.time),
    index('events_log_actor').on(t.actor),
    index('events_log_correlation').on(t.correlationId),
  ],
);

export const config = sqliteTable('config', {
  key: text('key').primaryKey(),
  value: text('value_json').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    /** Bumped on logout, role or password change: tokens carry it, so older tokens stop working. */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_username').on(t.username)],
);
