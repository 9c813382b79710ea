import { InlineKeyboard } from 'grammy';

/** Callback data for the approve/reject buttons: `approval:<decision>:<id>` (well under Telegram's 64 bytes). */
export const APPROVAL_CALLBACK = /^approval:(approve|reject):(\d+)$/;

export function approvalKeyboard(approvalId: number): InlineKeyboard {
  return new InlineKeyboard().text('✅ Approve', `approval:approve:${approvalId}`).text('❌ Reject', `approval:reject:${approvalId}`);
}
