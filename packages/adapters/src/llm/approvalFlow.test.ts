import { registryCatalog } from '@warden/core/advisor/registryCatalog';
import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { readTradingState } from '@warden/core/app/controlServiceImpl';
import { ApprovalServiceImpl } from '@warden/core/approvals/approvalService';
import { ApprovalExpiryChecker, type ApprovalExpiryPolicy } from '@warden/core/approvals/expiryChecker';
import { StrategyHost } from '@warden/core/cycle/strategyHost';
import type { ProposalChange } from '@warden/core/domain/approval';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@warden/core/errors/errors';
import { parseStrategyParams } from '@warden/core/strategy/registry';
import { afterEach, describe, expect, it } from 'vitest';
import { eventTypes, type Flow, NOW, openFlow } from './flowHarness.js';

const ALICE = { id: 'user:alice', role: 'operator' } as const;
const BOB = { id: 'telegram:4242', role: 'admin' } as const;
const VIEWER = { id: 'user:vic', role: 'viewer' } as const;
const TTL = 60 * 60_000;
const tune: ProposalChange = { kind: 'params', strategy: 'smart_grid_ai', before: { grid_levels: 5 }, after: { grid_levels: 7 } };
const SETTINGS = {
  symbol: 'BTC/USDT',
  timeframes: ['5m'] as const,
  primaryTimeframe: '5m' as const,
  gridSpacingMode: 'geometric' as const,
  gridCooldownSeconds: 60,
  gridAutoInventoryBootstrap: false,
  makerFee: 0.001,
  takerFee: 0.001,
};

let flow: Flow | null = null;
afterEach(() => {
  flow?.close();
  flow = null;
});

function setup() {
  flow = openFlow();
  const f = flow;
  const service = new ApprovalServiceImpl({ store: f.store, clock: f.clock, catalog: registryCatalog, defaultStrategy: 'smart_grid_ai' });
  const propose = (change: ProposalChange = tune, createdAt = NOW) =>
    f.store.approvals.insert({ createdAt, expiresAt: createdAt + TTL, change, reason: 'test proposal', source: 'rules', whatIf: null });
  const params = () => f.store.config.get<Record<string, unknown>>(CONFIG_KEYS.strategyParams('smart_grid_ai'));
  return { flow: f, service, propose, params };
}

describe('approving', () => {
  it('applies the change to the config table and audits before and after', async () => {
    const { flow, service, propose, params } = setup();
    const { id } = propose();
    const approved = await service.approve(id, ALICE, 'looks right');
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: 'user:alice', decidedAt: NOW, comment: 'looks right' });
    expect(params()?.grid_levels).toBe(7);
    expect(flow.store.config.entry(CONFIG_KEYS.strategyParams('smart_grid_ai'))?.updatedBy).toBe('user:alice');
    const changed = flow.store.audit.list({ type: 'config.changed' }, { limit: 5 }).items;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      actor: 'user:alice',
      inputs: { key: 'strategy.params.smart_grid_ai', before: { grid_levels: 5 }, after: { grid_levels: 7 }, approvalId: id },
    });
    expect(eventTypes(flow.store).slice(-3)).toEqual(['approval.approved', 'config.changed', 'approval.applied']);
  });

  it('hands the next cycle parameters it accepts', async () => {
    const { service, propose, params } = setup();
    await service.approve(propose().id, ALICE, null);
    expect(parseStrategyParams('smart_grid_ai', params() ?? {}, SETTINGS).grid_levels).toBe(7);
  });

  it('the strategy host running the cycles picks the approved parameters up on its next call', async () => {
    const { flow, service, propose } = setup();
    const host = new StrategyHost(flow.store, SETTINGS);
    host.seed('smart_grid_ai', NOW);
    const before = host.current();
    expect(before.params.grid_levels).toBe(5);
    await service.approve(propose().id, ALICE, null);
    const after = host.current();
    expect(after.params.grid_levels).toBe(7);
    expect(after.strategy).not.toBe(before.strategy);
  });

  it('keeps environment defaults (TRADING_GRID_COOLDOWN_SECONDS) for parameters that were never stored', async () => {
    const { flow, propose, params } = setup();
    flow.store.sqlite.prepare('DELETE FROM config WHERE key = ?').run(CONFIG_KEYS.strategyParams('smart_grid_ai'));
    const settings = { ...SETTINGS, gridCooldownSeconds: 300 };
    const service = new ApprovalServiceImpl({
      store: flow.store,
      clock: flow.clock,
      catalog: registryCatalog,
      defaultStrategy: 'smart_grid_ai',
      strategySettings: settings,
    });
    await service.approve(propose().id, ALICE, null);
    expect(params()).toMatchObject({ grid_levels: 7, cooldown_seconds: 300 });
  });

  it('switches the active strategy with its parameters', async () => {
    const { flow, service, propose } = setup();
    const emaParams = registryCatalog.definition('ema_crossover')!.defaults;
    const { id } = propose({ kind: 'strategy', fromStrategy: 'smart_grid_ai', toStrategy: 'ema_crossover', params: emaParams });
    await service.approve(id, BOB, null);
    expect(flow.store.config.get(CONFIG_KEYS.activeStrategy)).toBe('ema_crossover');
    expect(flow.store.config.get(CONFIG_KEYS.strategyParams('ema_crossover'))).toEqual(emaParams);
    expect(flow.store.config.entry(CONFIG_KEYS.activeStrategy)?.updatedBy).toBe('telegram:4242');
  });

  it('re-validates against current bounds: an out-of-range change is not applied and stays PENDING', async () => {
    const { flow, service, propose, params } = setup();
    const before = params();
    const { id } = propose({ kind: 'params', strategy: 'smart_grid_ai', before: { grid_levels: 5 }, after: { grid_levels: 50 } });
    await expect(service.approve(id, ALICE, null)).rejects.toBeInstanceOf(ValidationError);
    expect(params()).toEqual(before);
    expect(flow.store.approvals.get(id)?.status).toBe('PENDING');
    expect(eventTypes(flow.store)).toContain('approval.apply_failed');
  });

  it('re-validates against the strategy itself: a step below the fee floor is refused', async () => {
    const { flow, propose, params } = setup();
    const service = new ApprovalServiceImpl({
      store: flow.store,
      clock: flow.clock,
      catalog: registryCatalog,
      defaultStrategy: 'smart_grid_ai',
      strategySettings: SETTINGS,
    });
    const before = params();
    const { id } = propose({
      kind: 'params',
      strategy: 'smart_grid_ai',
      before: { spacing_min_pct: 0.4 },
      after: { spacing_min_pct: 0.2 },
    });
    await expect(service.approve(id, ALICE, null)).rejects.toThrow(/fee/);
    expect(params()).toEqual(before);
    expect(flow.store.approvals.get(id)?.status).toBe('PENDING');
  });

  it('refuses a stale strategy switch (the active strategy changed since)', async () => {
    const { flow, service, propose } = setup();
    flow.store.config.set(CONFIG_KEYS.activeStrategy, 'rsi_mean_reversion', 'user:alice', NOW);
    const { id } = propose({
      kind: 'strategy',
      fromStrategy: 'smart_grid_ai',
      toStrategy: 'ema_crossover',
      params: registryCatalog.definition('ema_crossover')!.defaults,
    });
    await expect(service.approve(id, ALICE, null)).rejects.toBeInstanceOf(ConflictError);
    expect(flow.store.config.get(CONFIG_KEYS.activeStrategy)).toBe('rsi_mean_reversion');
  });
});

describe('rejecting', () => {
  it('changes nothing but the status', async () => {
    const { flow, service, propose } = setup();
    const { id } = propose();
    const configBefore = flow.store.config.all();
    const rejected = await service.reject(id, ALICE, 'too aggressive');
    expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: 'user:alice', comment: 'too aggressive' });
    expect(flow.store.config.all()).toEqual(configBefore);
    expect(eventTypes(flow.store)).toEqual(['approval.rejected']);
  });
});

describe('deciding twice, late, or without the role', () => {
  it.each([
    ['approve', 'approve'],
    ['approve', 'reject'],
    ['reject', 'approve'],
    ['reject', 'reject'],
  ] as const)('%s then %s is a ConflictError (409)', async (first, second) => {
    const { service, propose, params } = setup();
    const { id } = propose();
    await service[first](id, ALICE, null);
    const after = params();
    await expect(service[second](id, BOB, null)).rejects.toBeInstanceOf(ConflictError);
    expect(params()).toEqual(after);
  });

  it('an approval past its expiry cannot be decided, even before the checker ran', async () => {
    const { flow, service, propose } = setup();
    const { id } = propose();
    flow.clock.advance(TTL);
    await expect(service.approve(id, ALICE, null)).rejects.toBeInstanceOf(ConflictError);
    await expect(service.reject(id, ALICE, null)).rejects.toBeInstanceOf(ConflictError);
  });

  it('an expired approval cannot be decided (409)', async () => {
    const { flow, service, propose } = setup();
    const { id } = propose();
    flow.clock.advance(TTL);
    await new ApprovalExpiryChecker({ store: flow.store, control: flow.control(), policy: 'none' }).expireDue(flow.clock.now());
    await expect(service.approve(id, ALICE, null)).rejects.toThrow(/already EXPIRED/);
  });

  it('a viewer cannot decide', async () => {
    const { flow, service, propose } = setup();
    const { id } = propose();
    await expect(service.approve(id, VIEWER, null)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.reject(id, VIEWER, null)).rejects.toBeInstanceOf(ForbiddenError);
    expect(flow.store.approvals.get(id)?.status).toBe('PENDING');
  });

  it('an unknown approval is NotFoundError', async () => {
    const { service } = setup();
    await expect(service.approve(999, ALICE, null)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('expiry', () => {
  const expireWith = async (policy: ApprovalExpiryPolicy) => {
    const { flow, propose } = setup();
    const due = propose(tune, NOW - TTL - 1);
    const fresh = propose({ ...tune, after: { grid_levels: 8 } });
    const control = flow.control();
    const expired = await new ApprovalExpiryChecker({ store: flow.store, control, policy }).expireDue(flow.clock.now());
    return { flow, due, fresh, control, expired };
  };

  it('marks only timed-out PENDING approvals EXPIRED', async () => {
    const { flow, due, fresh, expired } = await expireWith('none');
    expect(expired.map((a) => a.id)).toEqual([due.id]);
    expect(flow.store.approvals.get(due.id)).toMatchObject({ status: 'EXPIRED', decidedBy: 'system' });
    expect(flow.store.approvals.get(fresh.id)?.status).toBe('PENDING');
  });

  it('policy none leaves the bot running', async () => {
    const { flow } = await expireWith('none');
    expect(readTradingState(flow.store)).toBe('RUNNING');
    expect(eventTypes(flow.store)).toEqual(['approval.expired']);
  });

  it('policy pause pauses the bot, audited with the approval as reason', async () => {
    const { flow, due } = await expireWith('pause');
    expect(readTradingState(flow.store)).toBe('PAUSED');
    const paused = flow.store.audit.list({ type: 'state.paused' }, { limit: 1 }).items[0];
    expect(paused).toMatchObject({ actor: 'system', reason: `approval #${due.id} expired` });
    expect(eventTypes(flow.store)).toEqual(['approval.expired', 'state.paused', 'approval.expiry_policy_applied']);
  });

  it('policy emergency_stop stops the bot and cancels open orders', async () => {
    const { flow, due, control } = await expireWith('emergency_stop');
    expect(readTradingState(flow.store)).toBe('EMERGENCY_STOP');
    expect(control.cancelAllCalls).toBe(1);
    expect(flow.store.audit.list({ type: 'state.emergency_stop' }, { limit: 1 }).items[0]?.reason).toBe(`approval #${due.id} expired`);
  });

  it('a pause policy on an already paused bot is skipped and audited, not thrown', async () => {
    const { flow, propose } = setup();
    const control = flow.control();
    await control.transition('pause', { id: 'user:alice', role: 'operator' }, 'lunch');
    propose(tune, NOW - TTL - 1);
    await new ApprovalExpiryChecker({ store: flow.store, control, policy: 'pause' }).expireDue(flow.clock.now());
    expect(readTradingState(flow.store)).toBe('PAUSED');
    expect(eventTypes(flow.store).slice(-1)).toEqual(['approval.expiry_policy_skipped']);
  });
});
