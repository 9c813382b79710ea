import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import type { LiveUpdate } from '@warden/core/app/liveUpdates';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../../testing/apiHarness.js';
import { dbSnapshot } from '../../testing/dbSnapshot.js';

const TWO_PAIRS = { TRADING_SYMBOLS: 'BTC/USDT,ETH/USDT' };

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const pairsOf = async (harness: ApiHarness, token: string) =>
  (await harness.request('GET', '/api/system/status', { token })).body.pairs as Array<{ symbol: string; state: string; paused: boolean }>;

describe('POST /api/pairs/pause and /api/pairs/resume', () => {
  it('pause one pair (operator, audited with the reason) while the account and the other pair keep running, then resume it', async () => {
    h = await startApi({ auth: true, env: TWO_PAIRS });
    const operator = await h.login('operator');
    const updates: LiveUpdate[] = [];
    h.live.subscribe((u) => updates.push(u));

    const paused = await h.request('POST', '/api/pairs/pause', { token: operator, body: { symbol: 'ETH/USDT', reason: 'news on ETH' } });
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ symbol: 'ETH/USDT', from: 'RUNNING', to: 'PAUSED' });
    expect(await pairsOf(h, operator)).toEqual([
      { symbol: 'BTC/USDT', strategy: 'smart_grid_ai', state: 'RUNNING', paused: false, dataReady: true },
      { symbol: 'ETH/USDT', strategy: 'smart_grid_ai', state: 'PAUSED', paused: true, dataReady: true },
    ]);
    expect((await h.request('GET', '/api/system/status', { token: operator })).body.state).toBe('RUNNING');
    const events = await h.request('GET', '/api/events?type=state.pair_paused', { token: operator });
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      actor: 'user:operator',
      reason: 'news on ETH',
      inputs: { symbol: 'ETH/USDT', from: 'RUNNING', to: 'PAUSED', role: 'operator' },
    });
    // The live stream's state event names the pair.
    expect(updates.find((u) => u.kind === 'state')?.data).toMatchObject({ symbol: 'ETH/USDT', from: 'RUNNING', to: 'PAUSED' });

    const resumed = await h.request('POST', '/api/pairs/resume', { token: operator, body: { symbol: 'ETH/USDT' } });
    expect(resumed.body).toEqual({ symbol: 'ETH/USDT', from: 'PAUSED', to: 'RUNNING' });
    expect((await pairsOf(h, operator)).every((p) => p.state === 'RUNNING' && !p.paused)).toBe(true);
    expect((await h.request('GET', '/api/events?type=state.pair_resumed', { token: operator })).body.items[0].actor).toBe('user:operator');
  });

  it('answers 409 for a pair already paused, a pair not paused, and a resume during an emergency stop, changing nothing', async () => {
    h = await startApi({ auth: false, env: TWO_PAIRS });
    expect((await h.request('POST', '/api/pairs/pause', { body: { symbol: 'BTC/USDT' } })).status).toBe(200);
    const before = dbSnapshot(h.store.sqlite);
    const again = await h.request('POST', '/api/pairs/pause', { body: { symbol: 'BTC/USDT' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already paused/);
    const notPaused = await h.request('POST', '/api/pairs/resume', { body: { symbol: 'ETH/USDT' } });
    expect(notPaused.status).toBe(409);
    expect(dbSnapshot(h.store.sqlite)).toBe(before);

    h.store.config.set(CONFIG_KEYS.tradingState, 'EMERGENCY_STOP', 'test', h.clock.now());
    const stopped = await h.request('POST', '/api/pairs/resume', { body: { symbol: 'BTC/USDT' } });
    expect(stopped.status).toBe(409);
    expect(stopped.body.error.message).toMatch(/EMERGENCY_STOP/);
  });

  it('answers 403 to a viewer and 400 naming body.symbol for a pair not traded, without an audit event', async () => {
    h = await startApi({ auth: true, env: TWO_PAIRS });
    const viewer = await h.login('viewer');
    const operator = await h.login('operator');
    expect((await h.request('POST', '/api/pairs/pause', { token: viewer, body: { symbol: 'ETH/USDT' } })).status).toBe(403);
    const unknown = await h.request('POST', '/api/pairs/pause', { token: operator, body: { symbol: 'XRP/USDT' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('body.symbol');
    expect(unknown.body.error.message).toContain('XRP/USDT is not one of the traded pairs (BTC/USDT, ETH/USDT)');
    expect((await h.request('GET', '/api/events?typePrefix=state.', { token: viewer })).body.items).toEqual([]);
  });
});
