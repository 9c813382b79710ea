import { approvalPendingNotification } from '@warden/core/notifications/approvalMessages';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNewApproval } from './testing/builders.js';
import { CHATS, type Harness, startHarness } from './testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ polling: true });
});
afterEach(async () => h.close());

/** Notifies a pending approval and returns the id of the message with its buttons in `chat`. */
async function pendingMessage(chat: number) {
  const approval = h.store.approvals.insert(buildNewApproval());
  h.router.notify(approvalPendingNotification(approval));
  await h.fake.waitFor(() => h.fake.messagesTo(chat).length === 1);
  const messageId = h.fake.messagesTo(chat)[0]?.message_id ?? -1;
  return { approval, messageId };
}

function answers() {
  return h.fake.callsOf('answerCallbackQuery').map((c) => c.params);
}

describe('approving and rejecting from inline buttons', () => {
  it('approve from an operator chat decides through ApprovalService and edits the message', async () => {
    const { approval, messageId } = await pendingMessage(CHATS.operator);
    h.fake.pressButton(CHATS.operator, `approval:approve:${approval.id}`, messageId);
    await h.fake.waitFor(() => h.fake.callsOf('editMessageText').length === 1);
    expect(h.approvals.calls).toEqual([
      {
        action: 'approve',
        id: approval.id,
        actor: { id: `telegram:${CHATS.operator}`, role: 'operator', from: { id: CHATS.operator, username: null } },
      },
    ]);
    expect(h.store.approvals.get(approval.id)?.status).toBe('APPROVED');
    expect(h.store.approvals.get(approval.id)?.decidedBy).toBe(`telegram:${CHATS.operator}`);
    // Applied through the real service: the tuned parameter is live and the decision audited with the chat as actor.
    expect(h.store.audit.list({ type: 'approval.approved' }, { limit: 1 }).items[0]?.actor).toBe(`telegram:${CHATS.operator}`);
    expect(h.store.audit.list({ type: 'config.changed' }, { limit: 1 }).items[0]?.inputs).toMatchObject({
      after: expect.objectContaining({ grid_levels: 12 }),
    });
    expect(answers()[0]?.text).toBe(`Approval #${approval.id} approved`);
    const edit = h.fake.callsOf('editMessageText')[0]?.params;
    expect(edit?.message_id).toBe(messageId);
    expect(String(edit?.text)).toMatch(new RegExp(`→ APPROVED by telegram:${CHATS.operator}$`));
  });

  it('reject from an admin chat rejects the proposal', async () => {
    const { approval, messageId } = await pendingMessage(CHATS.admin);
    h.fake.pressButton(CHATS.admin, `approval:reject:${approval.id}`, messageId);
    await h.fake.waitFor(() => answers().length === 1);
    expect(h.store.approvals.get(approval.id)?.status).toBe('REJECTED');
  });

  it('a second press on an already decided proposal is refused with the service conflict', async () => {
    const { approval, messageId } = await pendingMessage(CHATS.operator);
    h.fake.pressButton(CHATS.operator, `approval:approve:${approval.id}`, messageId);
    h.fake.pressButton(CHATS.operator, `approval:reject:${approval.id}`, messageId);
    await h.fake.waitFor(() => answers().length === 2);
    expect(answers()[1]).toMatchObject({ show_alert: true });
    expect(String(answers()[1]?.text)).toContain('Refused: approval');
    expect(h.store.approvals.get(approval.id)?.status).toBe('APPROVED');
  });

  it('a viewer pressing a button is refused before the service is called', async () => {
    const { approval } = await pendingMessage(CHATS.operator);
    h.fake.pressButton(CHATS.viewer, `approval:approve:${approval.id}`, 1);
    await h.fake.waitFor(() => answers().length === 1);
    expect(answers()[0]).toMatchObject({ show_alert: true, text: 'Deciding approvals needs role operator; this chat has viewer.' });
    expect(h.approvals.calls).toHaveLength(0);
    expect(h.store.approvals.get(approval.id)?.status).toBe('PENDING');
    expect(h.store.audit.list({ type: 'telegram.refused' }, { limit: 5 }).items[0]).toMatchObject({
      actor: `telegram:${CHATS.viewer}`,
      inputs: { action: `approve approval #${approval.id}`, role: 'viewer', required: 'operator' },
    });
  });

  it('a button press from a chat that is not allow-listed is ignored and logged', async () => {
    const { approval } = await pendingMessage(CHATS.operator);
    h.fake.pressButton(CHATS.stranger, `approval:approve:${approval.id}`, 1);
    h.fake.sendText(CHATS.viewer, '/status');
    await h.fake.waitFor(() => h.fake.messagesTo(CHATS.viewer).length === 2);
    expect(answers()).toHaveLength(0);
    expect(h.approvals.calls).toHaveLength(0);
    expect(h.log.has('not on TELEGRAM_CHAT_IDS')).toBe(true);
  });
});
