import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEquity, buildFill, buildNewApproval } from './testing/builders.js';
import { CHATS, type Harness, START, startHarness } from './testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ polling: true });
});
afterEach(async () => h.close());

/** Sends `text` from `chat` and returns the bot's next reply to that chat. */
async function ask(chat: number, text: string, replies = 1): Promise<string[]> {
  const before = h.fake.messagesTo(chat).length;
  h.fake.sendText(chat, text);
  await h.fake.waitFor(() => h.fake.messagesTo(chat).length >= before + replies);
  return h.fake
    .messagesTo(chat)
    .slice(before)
    .map((m) => m.text);
}

function auditActors(type: string): string[] {
  return h.store.audit.list({ type }, { limit: 10 }).items.map((e) => e.actor);
}

describe('Telegram read commands (viewer)', () => {
  it('/status reports state, mode, the account and the pair with its strategy', async () => {
    h.store.equity.insert(buildEquity({ equity: '10250.5', quoteBalance: '5000', baseBalance: '0.125', price: '42004' }));
    const [reply] = await ask(CHATS.viewer, '/status');
    expect(reply?.split('\n')).toEqual([
      'State: RUNNING',
      'Mode: paper · BTC/USDT (5m, 4h)',
      'Scheduler: running · data ready',
      'Equity: 10250.50 USDT · 51.2% in positions',
      'Return +2.51% · drawdown 0.00% (limit 20%) · today 0.00% (limit 5%)',
      'BTC/USDT · smart_grid_ai · RUNNING: 0.125 BTC = 5250.50 USDT (51.2%)',
      'Cycles: 1 · last 2026-01-05 12:00 UTC',
    ]);
  });

  it('/balance shows the latest equity snapshot', async () => {
    h.store.equity.insert(buildEquity({ equity: '10250.5', quoteBalance: '5000', baseBalance: '0.125', price: '42004' }));
    const [reply] = await ask(CHATS.viewer, '/balance');
    expect(reply).toContain('Equity: 10250.50 USDT');
    expect(reply).toContain('BTC: 0.125 @ 42004');
  });

  it('/positions lists open positions and /trades the last fills', async () => {
    h.store.positions.upsert({ symbol: 'BTC/USDT', quantity: '0.02', avgEntryPrice: '41000', realizedPnl: '12.5', updatedAt: START });
    h.store.fills.insert(buildFill({ tradeId: 't-1', side: 'BUY', price: '41000', quantity: '0.02' }));
    expect((await ask(CHATS.viewer, '/positions'))[0]).toContain('BTC/USDT: 0.02 @ 41000 · realized +12.50');
    expect((await ask(CHATS.viewer, '/trades'))[0]).toContain('BUY 0.02 @ 41000 (fee 0.42 USDT)');
  });

  it('/profit compares the latest equity with the first', async () => {
    h.store.equity.insert(buildEquity({ time: START, equity: '10000' }));
    h.store.equity.insert(buildEquity({ time: START + 60_000, equity: '10500', realizedPnl: '400', unrealizedPnl: '100' }));
    const [reply] = await ask(CHATS.viewer, '/profit');
    expect(reply).toContain('PnL: +500.00 USDT (+5.00%)');
  });

  it('/approvals lists pending proposals, with buttons for an operator and without for a viewer', async () => {
    const pending = h.store.approvals.insert(buildNewApproval());
    const [viewerReply] = await ask(CHATS.viewer, '/approvals');
    expect(viewerReply).toContain(`Approval #${pending.id} pending`);
    expect(h.fake.messagesTo(CHATS.viewer).at(-1)?.reply_markup).toBeUndefined();
    await ask(CHATS.operator, '/approvals');
    expect(h.fake.messagesTo(CHATS.operator).at(-1)?.reply_markup?.inline_keyboard?.[0]).toHaveLength(2);
  });

  it('/help lists every command and marks those the chat cannot use', async () => {
    const [reply] = await ask(CHATS.viewer, '/help');
    for (const c of ['status', 'balance', 'positions', 'trades', 'profit', 'approvals', 'pause', 'resume', 'stop', 'advise', 'help'])
      expect(reply).toContain(`/${c} `);
    expect(reply).toContain('/pause — pause trading; "/pause ETH/USDT" pauses one pair (optional reason after it) (needs operator)');
  });
});

describe('Telegram control commands call ControlService with actor telegram:<chat>', () => {
  it('/pause and /resume from an operator chat change the state and are audited', async () => {
    expect((await ask(CHATS.operator, '/pause lunch break'))[0]).toContain('State RUNNING → PAUSED');
    expect(h.control.state()).toBe('PAUSED');
    expect(auditActors('state.paused')).toEqual([`telegram:${CHATS.operator}`]);
    expect(h.store.audit.list({ type: 'state.paused' }, { limit: 1 }).items[0]?.reason).toBe('lunch break');
    await ask(CHATS.operator, '/resume');
    expect(h.control.state()).toBe('RUNNING');
    expect(auditActors('state.resumed')).toEqual([`telegram:${CHATS.operator}`]);
  });

  it('/stop is an emergency stop that cancels open orders; only an admin can /resume <reason> out of it', async () => {
    await ask(CHATS.operator, '/stop');
    expect(h.control.state()).toBe('EMERGENCY_STOP');
    expect(h.broker.cancelAllCalls).toBe(1);
    expect(auditActors('state.emergency_stop')).toEqual([`telegram:${CHATS.operator}`]);
    expect((await ask(CHATS.operator, '/resume'))[0]).toContain('Refused:');
    const operatorResume = await ask(CHATS.operator, '/resume it looks fine');
    expect(operatorResume[0]).toContain('needs role admin');
    expect(h.store.audit.list({ type: 'telegram.refused' }, { limit: 5 }).items[0]).toMatchObject({
      actor: `telegram:${CHATS.operator}`,
      inputs: { action: '/resume', role: 'operator', required: 'admin' },
    });
    expect((await ask(CHATS.admin, '/resume'))[0]).toContain('needs a reason');
    expect(h.control.state()).toBe('EMERGENCY_STOP');
    await ask(CHATS.admin, '/resume spread back to normal');
    expect(h.control.state()).toBe('RUNNING');
    expect(auditActors('state.manual_resume')).toEqual([`telegram:${CHATS.admin}`]);
  });

  it('a /pause from Telegram is announced to every chat through the notification router', async () => {
    await h.close();
    h = await startHarness({ polling: true, stateNotifications: true });
    h.fake.sendText(CHATS.operator, '/pause');
    await h.fake.waitFor(() => h.fake.messagesTo(CHATS.viewer).length === 1);
    expect(h.fake.messagesTo(CHATS.viewer)[0]?.text).toContain('State RUNNING → PAUSED');
    expect(h.fake.messagesTo(CHATS.viewer)[0]?.text).toContain(`By: telegram:${CHATS.operator}`);
  });

  it('refuses /pause, /resume and /stop from a viewer chat without touching the state', async () => {
    for (const command of ['/pause', '/resume', '/stop']) {
      const [reply] = await ask(CHATS.viewer, command);
      expect(reply).toBe(`${command} needs role operator; this chat has viewer.`);
    }
    expect(h.control.state()).toBe('RUNNING');
    expect(h.broker.cancelAllCalls).toBe(0);
    expect(h.store.audit.list({ typePrefix: 'state.' }, { limit: 10 }).items).toHaveLength(0);
    // Each attempt is audited with who tried what.
    const refused = [...h.store.audit.list({ type: 'telegram.refused' }, { limit: 10 }).items].reverse();
    expect(refused.map((e) => [e.actor, (e.inputs as { action: string }).action, e.outcome])).toEqual([
      [`telegram:${CHATS.viewer}`, '/pause', 'refused'],
      [`telegram:${CHATS.viewer}`, '/resume', 'refused'],
      [`telegram:${CHATS.viewer}`, '/stop', 'refused'],
    ]);
  });

  it('ignores every command from a chat that is not allow-listed, and logs it', async () => {
    for (const command of ['/status', '/pause', '/stop']) h.fake.sendText(CHATS.stranger, command);
    // A later command from an allowed chat is answered, so the stranger's updates were processed first.
    await ask(CHATS.viewer, '/status');
    expect(h.fake.messagesTo(CHATS.stranger)).toHaveLength(0);
    expect(h.control.state()).toBe('RUNNING');
    expect(h.log.entries.filter((e) => e.msg.includes('not on TELEGRAM_CHAT_IDS'))).toHaveLength(3);
  });
});
