import { openFlow } from '@warden/adapters/llm/flowHarness';
import { parseConfig } from '@warden/core/config/parseConfig';
import { aggregateCandles } from '@warden/core/data/aggregateCandles';
import type { ProposalChange } from '@warden/core/domain/approval';
import { BTC_FILTERS } from '@warden/core/testing/cycleHarness';
import { randomWalkCandles } from '@warden/testkit/candles';
import { afterEach, describe, expect, it } from 'vitest';
import { walkForwardRunner } from './walkForwardRunner.js';

const OPERATOR = { id: 'user:alice', role: 'operator' } as const;
const NOW = Date.UTC(2024, 0, 2, 12, 0, 0);
const config = parseConfig({ TRADING_TIMEFRAMES: '5m,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' });

let flow = openFlow();
afterEach(() => flow.close());

/** The flow's store with 12 days of 5m candles and their 4h aggregation, as a bot that has run a while caches them. */
function seededFlow() {
  flow = openFlow();
  const m5 = randomWalkCandles({
    count: 3456,
    stepMs: 300_000,
    volatility: 0.004,
    seed: 8,
    start: NOW - 3456 * 300_000,
    startPrice: 40_000,
  });
  flow.store.candles.upsertMany('BTC/USDT', '5m', m5);
  flow.store.candles.upsertMany('BTC/USDT', '4h', aggregateCandles(m5, '5m', '4h'));
  return flow;
}

describe('walkForwardRunner', () => {
  it('scores proposed against current parameters on both parts of the cached candles', async () => {
    const f = seededFlow();
    const run = walkForwardRunner(f.store, config, () => BTC_FILTERS);
    const change: ProposalChange = { kind: 'params', strategy: 'smart_grid_ai', before: { grid_levels: 5 }, after: { grid_levels: 8 } };
    const check = await run(change);
    expect(check).not.toBeNull();
    expect(check?.candles).toBe(1500);
    expect(check?.inSampleCandles).toBe(1050);
    expect(check?.outOfSampleCandles).toBe(450);
    expect(check?.proposedBeatsCurrent).toBe((check?.proposed.outOfSample.score ?? 0) > (check?.current.outOfSample.score ?? 0));
    for (const side of [check?.current, check?.proposed])
      for (const part of [side?.inSample, side?.outOfSample])
        expect(part?.score).toBeCloseTo((part?.returnPct ?? 0) / Math.max(part?.maxDrawdownPct ?? 0, 0.01), 1);
  });

  it('a proposal equal to the current parameters scores the same and does not "beat" them', async () => {
    const f = seededFlow();
    const check = await walkForwardRunner(
      f.store,
      config,
      () => BTC_FILTERS,
    )({ kind: 'params', strategy: 'smart_grid_ai', before: { grid_levels: 5 }, after: { grid_levels: 5 } });
    expect(check?.proposed).toEqual(check?.current);
    expect(check?.proposedBeatsCurrent).toBe(false);
  });

  it('is null with too few cached candles', async () => {
    flow = openFlow(); // 200 cached 5m candles and no 1h ones
    const check = await walkForwardRunner(
      flow.store,
      parseConfig({ TRADING_TIMEFRAMES: '1h' }),
      () => BTC_FILTERS,
    )({
      kind: 'params',
      strategy: 'smart_grid_ai',
      before: { grid_levels: 5 },
      after: { grid_levels: 6 },
    });
    expect(check).toBeNull();
  });

  it('the advisor stores the walk-forward score with each proposal and audits it', async () => {
    const f = seededFlow();
    const advisor = f.advisor(
      null,
      {},
      f.whatIf,
      walkForwardRunner(f.store, config, () => BTC_FILTERS),
    );
    const result = await advisor.run(OPERATOR);
    expect(result.saved.length).toBeGreaterThan(0);
    for (const saved of result.saved) {
      const stored = f.store.approvals.get(saved.id);
      expect(stored?.walkForward?.outOfSampleCandles).toBe(450);
      expect(stored?.walkForward).toEqual(saved.walkForward);
    }
    const created = f.store.audit.list({ type: 'approval.created' }, { limit: 5 }).items[0];
    expect(JSON.stringify(created?.inputs)).toContain('"walkForward":{"candles":1500');
  });

  it('the advisor keeps the proposal when the check fails, and audits the failure', async () => {
    const f = seededFlow();
    const failing = async () => {
      throw new Error('no market connection');
    };
    const result = await f.advisor(null, {}, f.whatIf, failing).run(OPERATOR);
    expect(result.saved.length).toBeGreaterThan(0);
    expect(result.saved[0]?.walkForward).toBeNull();
    expect(f.store.audit.list({ type: 'advisor.walk_forward_failed' }, { limit: 5 }).items[0]?.reason).toBe('no market connection');
  });
});
