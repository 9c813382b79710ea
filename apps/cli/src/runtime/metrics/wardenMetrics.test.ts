import type { CycleOutcome } from '@warden/core/cycle/cycleDeps';
import type { PortfolioOutcome } from '@warden/core/cycle/portfolioCycle';
import type { Order } from '@warden/core/domain/orders';
import { buildFill } from '@warden/core/portfolio/fill.fixture';
import type { RiskDecision } from '@warden/core/risk/riskEngine';
import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { WardenMetrics } from './wardenMetrics.js';

const PAIRS = ['BTC/USDT', 'ETH/USDT'];

let store: SqliteStore | null = null;
let cleanup = () => {};
afterEach(() => {
  store?.close();
  cleanup();
  store = null;
});

function metricsOver(): { metrics: WardenMetrics; store: SqliteStore } {
  const db = tempDbPath('warden-metrics-');
  cleanup = db.cleanup;
  store = openStore(db.path);
  const metrics = new WardenMetrics({
    store,
    symbols: PAIRS,
    status: () => ({ state: 'RUNNING', schedulerRunning: true, lastCycleAt: null }),
    weightUsed: () => 0,
    exchangeUp: () => true,
  });
  return { metrics, store };
}

const order = (symbol: string, id: string, status: Order['status']): Order => ({
  clientOrderId: id,
  exchangeOrderId: null,
  symbol,
  side: 'BUY',
  type: 'LIMIT',
  status,
  quantity: '1',
  price: '100',
  filledQuantity: status === 'FILLED' ? '1' : '0',
  avgFillPrice: null,
  mode: 'paper',
  cycleId: 'c',
  reason: 'test',
  tag: null,
  createdAt: 1,
  updatedAt: 1,
});

const allow = { decision: 'ALLOW' } as unknown as RiskDecision;

function decided(orders: Order[], fills: CycleOutcome['fills']): CycleOutcome {
  return { cycleId: 'c', decided: true, signal: null, decision: allow, orders, fills, equity: 1 };
}

function tick(pairs: PortfolioOutcome['pairs']): PortfolioOutcome {
  return { cycleId: 't', now: 1, pairs, decided: true, equity: 1, fills: 0 };
}

/** The value of one series in the exposition text; null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('WardenMetrics with several pairs', () => {
  it('labels cycles, orders, fills and risk decisions with their pair, and a pair that failed counts as failed for it alone', async () => {
    const { metrics } = metricsOver();
    metrics.cycle(
      0.01,
      tick([
        { symbol: 'BTC/USDT', outcome: decided([order('BTC/USDT', 'b1', 'NEW')], []), error: null },
        { symbol: 'ETH/USDT', outcome: null, error: 'exchange down' },
      ]),
    );
    metrics.cycle(
      0.01,
      tick([
        { symbol: 'BTC/USDT', outcome: decided([order('BTC/USDT', 'b1', 'FILLED')], [buildFill({ symbol: 'BTC/USDT' })]), error: null },
        {
          symbol: 'ETH/USDT',
          outcome: decided([order('ETH/USDT', 'e1', 'FILLED')], [buildFill({ symbol: 'ETH/USDT', tradeId: 'e', side: 'SELL' })]),
          error: null,
        },
      ]),
    );
    const text = await metrics.render();
    expect(sample(text, 'warden_cycles_total{symbol="BTC/USDT",outcome="decided"}')).toBe(2);
    expect(sample(text, 'warden_cycles_total{symbol="ETH/USDT",outcome="decided"}')).toBe(1);
    expect(sample(text, 'warden_cycles_total{symbol="ETH/USDT",outcome="failed"}')).toBe(1);
    expect(sample(text, 'warden_cycles_total{symbol="BTC/USDT",outcome="failed"}')).toBeNull();
    expect(sample(text, 'warden_orders_total{symbol="BTC/USDT",side="BUY",status="NEW"}')).toBe(1);
    expect(sample(text, 'warden_orders_total{symbol="BTC/USDT",side="BUY",status="FILLED"}')).toBe(1);
    expect(sample(text, 'warden_orders_total{symbol="ETH/USDT",side="BUY",status="FILLED"}')).toBe(1);
    expect(sample(text, 'warden_fills_total{symbol="BTC/USDT",side="BUY",liquidity="taker"}')).toBe(1);
    expect(sample(text, 'warden_fills_total{symbol="ETH/USDT",side="SELL",liquidity="taker"}')).toBe(1);
    expect(sample(text, 'warden_risk_decisions_total{symbol="BTC/USDT",decision="ALLOW"}')).toBe(2);
    expect(sample(text, 'warden_risk_decisions_total{symbol="ETH/USDT",decision="ALLOW"}')).toBe(1);
    expect(sample(text, 'warden_cycle_duration_seconds_count')).toBe(2);
  });

  it('counts a tick that failed as a whole as failed for every pair', async () => {
    const { metrics } = metricsOver();
    metrics.cycle(0.5, null);
    const text = await metrics.render();
    for (const symbol of PAIRS) expect(sample(text, `warden_cycles_total{symbol="${symbol}",outcome="failed"}`)).toBe(1);
  });

  it("reads each pair's position and open orders from the store when scraped", async () => {
    const { metrics, store } = metricsOver();
    store.positions.upsert({ symbol: 'ETH/USDT', quantity: '1.5', avgEntryPrice: '2000', realizedPnl: '0', updatedAt: 1 });
    store.orders.insert(order('ETH/USDT', 'e2', 'NEW'));
    const text = await metrics.render();
    expect(sample(text, 'warden_position{symbol="ETH/USDT"}')).toBe(1.5);
    expect(sample(text, 'warden_position{symbol="BTC/USDT"}')).toBe(0);
    expect(sample(text, 'warden_open_orders{symbol="ETH/USDT"}')).toBe(1);
    expect(sample(text, 'warden_open_orders{symbol="BTC/USDT"}')).toBe(0);
  });

  it('counts an advisor run over several pairs once, by the kinds of source it used', async () => {
    const { metrics } = metricsOver();
    metrics.advisorRun({ saved: [], dropped: 0, source: 'llm:openai/gpt-4o-mini, rules' });
    metrics.advisorRun({ saved: [], dropped: 1, source: 'rules' });
    const text = await metrics.render();
    expect(sample(text, 'warden_advisor_runs_total{source="llm+rules",outcome="nothing"}')).toBe(1);
    expect(sample(text, 'warden_advisor_runs_total{source="rules",outcome="nothing"}')).toBe(1);
  });
});
