import { parseConfig } from '@warden/core/config/parseConfig';
import { type FakeLlmServer, startFakeLlm } from '@warden/testkit/fakeLlm/index';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdvisorServices } from './advisorServices.js';
import { databaseDump, type Flow, openFlow } from './flowHarness.js';
import { CANARY_KEYS } from './testing.js';

let flow: Flow | null = null;
let server: FakeLlmServer | null = null;
afterEach(async () => {
  flow?.close();
  await server?.close();
  flow = null;
  server = null;
});

const answer = {
  proposals: [{ kind: 'params', strategy: 'smart_grid_ai', changes: [{ key: 'spacing_max_pct', value: 2.5 }], reason: 'volatility fell' }],
};

describe('createAdvisorServices (wiring from the environment)', () => {
  it('runs the configured provider, saves a PENDING approval an operator can approve, and keeps the key out of the database', async () => {
    server = await startFakeLlm('gemini', { kind: 'text', text: JSON.stringify(answer) });
    flow = openFlow();
    const env = parseConfig({
      AI_ENABLED: 'true',
      AI_PROVIDER: 'gemini',
      GEMINI_API_KEY: CANARY_KEYS.gemini,
      AI_BASE_URL: server.baseUrl,
      TRADING_TIMEFRAMES: '5m',
      APPROVAL_TTL_MINUTES: '30',
    });
    const { advisor, approvals } = createAdvisorServices({ env, store: flow.store, clock: flow.clock, control: flow.control() });
    const result = await advisor.run({ id: 'system', role: 'system' });
    expect(result.source).toBe('llm:gemini/gemini-2.5-flash');
    const [pending] = result.saved;
    expect(pending?.expiresAt).toBe(flow.clock.now() + 30 * 60_000);
    const approved = await approvals.approve(pending!.id, { id: 'user:alice', role: 'admin' }, null);
    expect(approved.status).toBe('APPROVED');
    expect(databaseDump(flow.store)).not.toContain(CANARY_KEYS.gemini);
  });

  it('with AI disabled, the rules propose and the expiry checker follows APPROVAL_EXPIRY_POLICY', async () => {
    flow = openFlow();
    const env = parseConfig({ AI_ENABLED: 'false', TRADING_TIMEFRAMES: '5m', APPROVAL_EXPIRY_POLICY: 'pause', APPROVAL_TTL_MINUTES: '1' });
    const { advisor, expiryChecker } = createAdvisorServices({ env, store: flow.store, clock: flow.clock, control: flow.control() });
    expect((await advisor.run({ id: 'system', role: 'system' })).source).toBe('rules');
    flow.clock.advance(60_000);
    expect(await expiryChecker.expireDue(flow.clock.now())).toHaveLength(1);
    expect(flow.store.config.get('system.state')).toBe('PAUSED');
  });
});
