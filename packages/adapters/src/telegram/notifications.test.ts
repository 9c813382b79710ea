import { TransientExchangeError } from '@warden/core/errors/errors';
import { approvalDecidedNotification, approvalPendingNotification } from '@warden/core/notifications/approvalMessages';
import {
  cycleErrorNotification,
  shutdownNotification,
  startupNotification,
  stateChangeNotification,
} from '@warden/core/notifications/systemMessages';
import { fillNotification, orderNotification, riskBlockNotification } from '@warden/core/notifications/tradeMessages';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFill, buildNewApproval, buildOrder } from './testing/builders.js';
import { CHATS, type Harness, START, startHarness } from './testing/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const allChats = [CHATS.admin, CHATS.operator, CHATS.viewer];

async function deliveredText(harness: Harness, count: number): Promise<string[]> {
  await harness.fake.waitFor(() => harness.fake.messagesTo(CHATS.admin).length >= count);
  return harness.fake.messagesTo(CHATS.admin).map((m) => m.text);
}

describe('Telegram notifications through the router and real grammy', () => {
  it('delivers each notification type, formatted, to every allow-listed chat', async () => {
    h = await startHarness();
    const pending = h.store.approvals.insert(buildNewApproval());
    const decided = h.store.approvals.decide(pending.id, {
      status: 'REJECTED',
      decidedBy: 'user:ana',
      decidedAt: START + 60_000,
      comment: 'too aggressive',
    });
    const risk = riskBlockNotification({ symbol: 'BTC/USDT', reasons: ['MAX_DRAWDOWN'], drawdownPct: 21.5 });
    const notifications = [
      orderNotification(buildOrder()),
      fillNotification(buildFill()),
      stateChangeNotification({ from: 'RUNNING', to: 'PAUSED', command: 'pause', actor: 'user:ana', reason: 'lunch' }),
      ...(risk ? [risk] : []),
      approvalPendingNotification(pending),
      ...(decided ? [approvalDecidedNotification(decided)] : []),
      cycleErrorNotification({ cycleId: 'c-9', error: new TransientExchangeError('binance 503'), fatal: false }),
      startupNotification(h.control.status()),
      shutdownNotification('SIGTERM'),
    ];
    expect(notifications).toHaveLength(9);
    for (const n of notifications) h.router.notify(n);

    const texts = await deliveredText(h, notifications.length);
    expect(texts[0]).toBe('Order NEW: BUY BTC/USDT (LIMIT)\nQuantity: 0.01 @ 42000\nMode: paper\nReason: grid level 3\nClient id: wd-1');
    expect(texts[1]).toContain('Filled: BUY 0.01 BTC/USDT @ 42000');
    expect(texts[1]).toContain('Fee: 0.42 USDT (taker)');
    expect(texts[2]).toBe('State RUNNING → PAUSED\nBy: user:ana\nCommand: pause\nReason: lunch');
    expect(texts[3]).toContain('Risk block on BTC/USDT');
    expect(texts[3]).toContain('Drawdown: -21.50%');
    expect(texts[4]).toContain(`Approval #${pending.id} pending (from rules)`);
    expect(texts[4]).toContain('grid_levels: 10 → 12');
    expect(texts[4]).toContain('Reason: win rate fell below 40%');
    expect(texts[4]).toContain('proposed: return +2.10%, max drawdown -3.90%, 46 trades');
    expect(texts[5]).toContain(`Approval #${pending.id} rejected`);
    expect(texts[5]).toContain('Decision: REJECTED by user:ana');
    expect(texts[5]).toContain('Comment: too aggressive');
    expect(texts[6]).toContain('Cycle error\nError: binance 503\nCode: EXCHANGE_TRANSIENT');
    expect(texts[7]).toContain('Warden 0.1.0 started');
    expect(texts[8]).toBe('Warden shutting down\nReason: SIGTERM');
    for (const chat of allChats) await h.fake.waitFor(() => h.fake.messagesTo(chat).length === notifications.length);
  });

  it('skips types set to off and sends silent types with disable_notification', async () => {
    h = await startHarness({ modes: { fills: 'off', orders: 'silent' } });
    h.router.notify(fillNotification(buildFill()));
    h.router.notify(orderNotification(buildOrder()));
    h.router.notify(shutdownNotification('test'));
    await deliveredText(h, 2);
    await h.telegram.stop(1_000);
    const sent = h.fake.messagesTo(CHATS.admin);
    expect(sent.map((m) => m.text.split('\n')[0])).toEqual(['Order NEW: BUY BTC/USDT (LIMIT)', 'Warden shutting down']);
    expect(sent.map((m) => m.disable_notification)).toEqual([true, false]);
  });

  it('attaches approve/reject buttons to a pending approval only in chats that may decide it', async () => {
    h = await startHarness();
    const pending = h.store.approvals.insert(buildNewApproval());
    h.router.notify(approvalPendingNotification(pending));
    for (const chat of allChats) await h.fake.waitFor(() => h.fake.messagesTo(chat).length === 1);
    const buttons = (chat: number) => h.fake.messagesTo(chat)[0]?.reply_markup?.inline_keyboard?.[0]?.map((b) => b.callback_data);
    expect(buttons(CHATS.operator)).toEqual([`approval:approve:${pending.id}`, `approval:reject:${pending.id}`]);
    expect(buttons(CHATS.admin)).toHaveLength(2);
    expect(buttons(CHATS.viewer)).toBeUndefined();
  });

  it('does not notify routine risk blocks, only drawdown and daily loss', () => {
    expect(riskBlockNotification({ symbol: 'BTC/USDT', reasons: ['MIN_NOTIONAL', 'COOLDOWN'] })).toBeNull();
    expect(riskBlockNotification({ symbol: 'BTC/USDT', reasons: ['COOLDOWN', 'DAILY_LOSS_LIMIT'], dailyLossPct: 5.2 })?.lines).toEqual([
      'Reasons: DAILY_LOSS_LIMIT',
      'Daily loss: -5.20%',
    ]);
  });
});
