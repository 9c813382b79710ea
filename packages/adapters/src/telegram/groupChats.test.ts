import { approvalPendingNotification } from '@warden/core/notifications/approvalMessages';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNewApproval } from './testing/builders.js';
import { CHATS, type Harness, MEMBERS, startHarness } from './testing/harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

/** A group chat with role admin where TELEGRAM_GROUP_USERS lists alice (admin) and bob (operator). */
async function listedGroup(): Promise<Harness> {
  h = await startHarness({ polling: true, group: { role: 'admin', users: { [MEMBERS.alice.id]: 'admin', [MEMBERS.bob.id]: 'operator' } } });
  return h;
}

/** `from` sends `text` in the group; resolves with the bot's reply. */
async function say(harness: Harness, from: { id: number; username: string }, text: string): Promise<string> {
  const before = harness.fake.messagesTo(CHATS.group).length;
  harness.fake.sendText(CHATS.group, text, from);
  await harness.fake.waitFor(() => harness.fake.messagesTo(CHATS.group).length > before);
  return harness.fake.messagesTo(CHATS.group)[before]?.text ?? '';
}

const from = (m: { id: number; username: string }) => ({ id: m.id, username: m.username });

describe('Telegram group chats: per-user roles (TELEGRAM_GROUP_USERS)', () => {
  it('a listed operator can pause; the audit event names the chat as actor and the sender in inputs.sender', async () => {
    const g = await listedGroup();
    expect(await say(g, MEMBERS.bob, '/pause checking the spread')).toContain('State RUNNING → PAUSED');
    const [event] = g.store.audit.list({ type: 'state.paused' }, { limit: 1 }).items;
    expect(event).toMatchObject({ actor: `telegram:${CHATS.group}`, inputs: { role: 'operator', sender: from(MEMBERS.bob) } });
  });

  it('an unlisted member is a viewer: reads are answered, /stop is refused and audited with who tried', async () => {
    const g = await listedGroup();
    expect(await say(g, MEMBERS.mallory, '/status')).toContain('State: RUNNING');
    expect(await say(g, MEMBERS.mallory, '/stop')).toBe('/stop needs role operator; user 4666 (@mallory) has viewer in this chat.');
    expect(g.control.state()).toBe('RUNNING');
    expect(g.broker.cancelAllCalls).toBe(0);
    expect(g.store.audit.list({ type: 'telegram.refused' }, { limit: 5 }).items[0]).toMatchObject({
      actor: `telegram:${CHATS.group}`,
      inputs: { chatId: CHATS.group, action: '/stop', role: 'viewer', required: 'operator', sender: from(MEMBERS.mallory) },
    });
  });

  it("a user's role is their own: the operator's /resume <reason> out of EMERGENCY_STOP is refused, the admin's is not", async () => {
    const g = await listedGroup();
    await say(g, MEMBERS.bob, '/stop');
    expect(g.control.state()).toBe('EMERGENCY_STOP');
    expect(await say(g, MEMBERS.bob, '/resume all clear')).toContain('needs role admin');
    expect(g.store.audit.list({ type: 'telegram.refused' }, { limit: 1 }).items[0]?.inputs).toMatchObject({
      role: 'operator',
      required: 'admin',
      sender: from(MEMBERS.bob),
    });
    await say(g, MEMBERS.alice, '/resume spread back to normal');
    expect(g.control.state()).toBe('RUNNING');
    expect(g.store.audit.list({ type: 'state.manual_resume' }, { limit: 1 }).items[0]?.inputs).toMatchObject({
      sender: from(MEMBERS.alice),
    });
  });

  it('approval buttons: an unlisted member is refused, a listed operator decides, and every event records who pressed', async () => {
    const g = await listedGroup();
    const approval = g.store.approvals.insert(buildNewApproval());
    g.router.notify(approvalPendingNotification(approval));
    await g.fake.waitFor(() => g.fake.messagesTo(CHATS.group).length === 1);
    const message = g.fake.messagesTo(CHATS.group)[0];
    expect(message?.reply_markup?.inline_keyboard?.[0]).toHaveLength(2);
    const answers = () => g.fake.callsOf('answerCallbackQuery').map((c) => c.params);

    g.fake.pressButton(CHATS.group, `approval:approve:${approval.id}`, message?.message_id ?? -1, MEMBERS.mallory);
    await g.fake.waitFor(() => answers().length === 1);
    expect(answers()[0]?.text).toBe('Deciding approvals needs role operator; user 4666 (@mallory) has viewer in this chat.');
    expect(g.store.approvals.get(approval.id)?.status).toBe('PENDING');
    expect(g.store.audit.list({ type: 'telegram.refused' }, { limit: 1 }).items[0]?.inputs).toMatchObject({
      sender: from(MEMBERS.mallory),
    });

    g.fake.pressButton(CHATS.group, `approval:approve:${approval.id}`, message?.message_id ?? -1, MEMBERS.bob);
    await g.fake.waitFor(() => g.fake.callsOf('editMessageText').length === 1);
    expect(g.store.approvals.get(approval.id)?.status).toBe('APPROVED');
    for (const type of ['approval.approved', 'config.changed', 'approval.applied'])
      expect(g.store.audit.list({ type }, { limit: 1 }).items[0]).toMatchObject({
        actor: `telegram:${CHATS.group}`,
        inputs: { sender: from(MEMBERS.bob) },
      });
    expect(String(g.fake.callsOf('editMessageText')[0]?.params.text)).toMatch(
      /→ APPROVED by telegram:-1001234567890 — user 4202 \(@bob\)$/,
    );
  });

  it('a group given operator without a user list (options built by hand) is only a viewer, and start-up says so loudly', async () => {
    h = await startHarness({ polling: true, group: { role: 'operator', users: null } });
    expect(await say(h, MEMBERS.bob, '/pause')).toBe('/pause needs role operator; user 4202 (@bob) has viewer in this chat.');
    expect(h.control.state()).toBe('RUNNING');
    expect(h.log.entries.some((e) => e.level === 'error' && e.msg.includes('no TELEGRAM_GROUP_USERS list'))).toBe(true);
  });

  it('in a private chat the sender is recorded too (the chat owner)', async () => {
    const p = await startHarness({ polling: true });
    h = p;
    p.fake.sendText(CHATS.operator, '/pause');
    await p.fake.waitFor(() => p.fake.messagesTo(CHATS.operator).length === 1);
    expect(p.store.audit.list({ type: 'state.paused' }, { limit: 1 }).items[0]?.inputs).toMatchObject({
      from: 'RUNNING',
      sender: { id: CHATS.operator, username: null },
    });
  });
});
