import { CONFIG_KEYS } from '@warden/core/app/configKeys';
import { pairStore } from '@warden/core/portfolio/pairStore';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEquity, buildFill, buildNewApproval } from './testing/builders.js';
import { CHATS, type Harness, type HarnessOptions, MEMBERS, START, startHarness } from './testing/harness.js';

const PAIRS = [
  { symbol: 'BTC/USDT', strategy: 'smart_grid_ai' },
  { symbol: 'ETH/USDT', strategy: 'ema_crossover' },
];

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function boot(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness({ polling: true, pairs: PAIRS, ...options });
  return h;
}

/** Sends `text` from `chat` (as `from` in a group) and returns the bot's replies to that chat. */
async function ask(harness: Harness, chat: number, text: string, from?: { id: number; username: string }): Promise<string[]> {
  const before = harness.fake.messagesTo(chat).length;
  harness.fake.sendText(chat, text, from);
  await harness.fake.waitFor(() => harness.fake.messagesTo(chat).length >= before + 1);
  return harness.fake
    .messagesTo(chat)
    .slice(before)
    .map((m) => m.text);
}

describe('Telegram with several pairs', () => {
  it('/status summarises the account (equity, exposure) and every pair (strategy, state, position, value)', async () => {
    const harness = await boot();
    harness.store.equity.insert(
      buildEquity({ time: START, symbol: 'BTC/USDT', equity: '10000', quoteBalance: '6000', baseBalance: '0.05', price: '40000' }),
    );
    harness.store.equity.insert(
      buildEquity({ time: START, symbol: 'ETH/USDT', equity: '10000', quoteBalance: '6000', baseBalance: '1', price: '2000' }),
    );
    pairStore(harness.store, 'ETH/USDT').config.set('trading.pair_state', 'PAUSED', 'user:olga', START);
    const [reply] = await ask(harness, CHATS.viewer, '/status');
    expect(reply?.split('\n')).toEqual([
      'State: RUNNING',
      'Mode: paper · 2 pairs (5m, 4h)',
      'Scheduler: running · data ready',
      'Equity: 10000.00 USDT · 40.0% in positions',
      'Return 0.00% · drawdown 0.00% (limit 20%) · today 0.00% (limit 5%)',
      'BTC/USDT · smart_grid_ai · RUNNING: 0.05 BTC = 2000.00 USDT (20.0%)',
      'ETH/USDT · ema_crossover · PAUSED (pair paused): 1 ETH = 2000.00 USDT (20.0%)',
      'Cycles: 1 · last 2026-01-05 12:00 UTC',
    ]);
  });

  it('/pause ETH/USDT pauses that pair only (audited with the sender), /resume ETH/USDT resumes it, /pause alone pauses the account', async () => {
    const harness = await boot({ group: { role: 'admin', users: { [MEMBERS.bob.id]: 'operator' } } });
    const [paused] = await ask(harness, CHATS.group, '/pause ETH/USDT news on ETH', MEMBERS.bob);
    expect(paused).toBe('ETH/USDT: RUNNING → PAUSED\nReason: news on ETH\nThe other pairs keep trading.');
    expect(harness.control.status().pairs.map((p) => [p.symbol, p.state])).toEqual([
      ['BTC/USDT', 'RUNNING'],
      ['ETH/USDT', 'PAUSED'],
    ]);
    expect(harness.control.state()).toBe('RUNNING');
    expect(harness.store.audit.list({ type: 'state.pair_paused' }, { limit: 5 }).items[0]).toMatchObject({
      actor: `telegram:${CHATS.group}`,
      reason: 'news on ETH',
      // The previous state in `from`, the sender (as for every Telegram action) in `sender`.
      inputs: {
        symbol: 'ETH/USDT',
        from: 'RUNNING',
        to: 'PAUSED',
        role: 'operator',
        sender: { id: MEMBERS.bob.id, username: MEMBERS.bob.username },
      },
    });

    const [resumed] = await ask(harness, CHATS.group, '/resume eth/usdt', MEMBERS.bob);
    expect(resumed).toContain('ETH/USDT: PAUSED → RUNNING');
    expect(harness.store.audit.list({ type: 'state.pair_resumed' }, { limit: 5 }).items[0]?.reason).toBe('ETH/USDT resumed from Telegram');

    const [account] = await ask(harness, CHATS.group, '/pause lunch break', MEMBERS.bob);
    expect(account).toContain('State RUNNING → PAUSED');
    expect(harness.control.state()).toBe('PAUSED');
    expect(harness.control.status().pairs.every((p) => !p.paused)).toBe(true);
  });

  it('reads a traded pair in the exchange spelling (ETHUSDT) as that pair, not as a reason for the whole account', async () => {
    const harness = await boot();
    const [paused] = await ask(harness, CHATS.operator, '/pause ethusdt news on ETH');
    expect(paused).toBe('ETH/USDT: RUNNING → PAUSED\nReason: news on ETH\nThe other pairs keep trading.');
    expect(harness.control.state()).toBe('RUNNING');
    await harness.control.transition('pause', { id: 'user:olga', role: 'operator' }, 'maintenance');
    await ask(harness, CHATS.operator, '/resume ETHUSDT');
    // The account stays paused: only the pair was resumed.
    expect(harness.control.state()).toBe('PAUSED');
    expect(harness.control.status().pairs.find((p) => p.symbol === 'ETH/USDT')?.paused).toBe(false);
  });

  it('refuses a pair that is not traded, and a viewer naming a pair, without changing anything', async () => {
    const harness = await boot();
    const [unknown] = await ask(harness, CHATS.operator, '/pause XRP/USDT');
    expect(unknown).toBe('Refused: XRP/USDT is not one of the traded pairs (BTC/USDT, ETH/USDT)');
    const [viewer] = await ask(harness, CHATS.viewer, '/pause ETH/USDT');
    expect(viewer).toBe('/pause needs role operator; this chat has viewer.');
    expect(harness.control.state()).toBe('RUNNING');
    expect(harness.control.status().pairs.every((p) => !p.paused)).toBe(true);
    expect(harness.store.audit.list({ typePrefix: 'state.' }, { limit: 5 }).items).toEqual([]);
  });

  it('/advise ETH/USDT proposes for that pair; approving its button changes only that pair’s parameters', async () => {
    const harness = await boot();
    const [reply] = await ask(harness, CHATS.operator, '/advise ETH/USDT');
    const pending = harness.store.approvals.list({ status: 'PENDING' }, { limit: 5 }).items;
    expect(pending.map((a) => a.symbol)).toEqual(['ETH/USDT']);
    const id = pending[0]?.id as number;
    expect(reply).toContain('Advisor (rules) for ETH/USDT: 1 proposal(s) saved, 0 dropped.');
    expect(reply).toContain(`#${id} ETH/USDT:`);

    const [listed] = await ask(harness, CHATS.operator, '/approvals ETH/USDT');
    expect(listed).toContain(`Approval #${id} for ETH/USDT pending (from rules)`);
    const messageId = harness.fake.messagesTo(CHATS.operator).at(-1)?.message_id ?? -1;
    harness.fake.pressButton(CHATS.operator, `approval:approve:${id}`, messageId);
    await harness.fake.waitFor(() => harness.fake.callsOf('editMessageText').length === 1);
    const key = CONFIG_KEYS.strategyParams('smart_grid_ai');
    expect(pairStore(harness.store, 'ETH/USDT').config.get(key)).toMatchObject(
      pending[0]?.change.kind === 'params' ? pending[0].change.after : {},
    );
    expect(pairStore(harness.store, 'BTC/USDT').config.get(key)).toBeNull();
    expect(harness.store.config.get(key)).toBeNull();
  });

  it('/trades names each fill’s pair, and /trades ETH/USDT shows one pair', async () => {
    const harness = await boot();
    harness.store.fills.insert(buildFill({ tradeId: 't-1', symbol: 'BTC/USDT' }));
    harness.store.fills.insert(buildFill({ tradeId: 't-2', symbol: 'ETH/USDT', price: '2000', quantity: '0.5' }));
    const [all] = await ask(harness, CHATS.viewer, '/trades');
    expect(all).toContain('ETH/USDT BUY 0.5 @ 2000');
    expect(all).toContain('BTC/USDT BUY 0.01 @ 42000');
    const [eth] = await ask(harness, CHATS.viewer, '/trades ETH/USDT');
    expect(eth?.split('\n')).toEqual(['Last 1 trades on ETH/USDT:', '2026-01-05 12:00 UTC BUY 0.5 @ 2000 (fee 0.42 USDT)']);
  });

  it('approval messages name the pair', async () => {
    const harness = await boot();
    harness.store.approvals.insert(buildNewApproval({ symbol: 'ETH/USDT' }));
    const [reply] = await ask(harness, CHATS.viewer, '/approvals');
    expect(reply).toMatch(/^Approval #\d+ for ETH\/USDT pending \(from rules\)/);
  });
});

describe('command replies are redacted like notifications', () => {
  const SECRET = 'sk-live-0123456789abcdefSECRET';

  it("/status's last error shows neither a known secret nor a URL's credentials", async () => {
    const harness = await boot({
      secrets: [SECRET],
      lastError: `ETH/USDT cycle: request to https://trader:hunter2pass@api.example.com/v3/order?signature=abc123 failed (key ${SECRET})`,
    });
    const [reply] = await ask(harness, CHATS.viewer, '/status');
    expect(reply).toContain('Last error: ETH/USDT cycle: request to https://');
    expect(reply).not.toContain(SECRET);
    expect(reply).not.toContain('hunter2pass');
    expect(reply).not.toContain('abc123');
    expect(reply).toContain('[redacted]');
  });

  it('a reply that echoes what was typed (the reason) is redacted too', async () => {
    const harness = await boot({ secrets: [SECRET] });
    const [echoed] = await ask(harness, CHATS.operator, `/pause ETH/USDT rotate ${SECRET}`);
    expect(echoed).toContain('ETH/USDT: RUNNING → PAUSED');
    expect(echoed).toContain('Reason: rotate [redacted]');
    expect(echoed).not.toContain(SECRET);
  });
});
