import type { PairCommand } from '@warden/core/state/pairState';
import type { TransitionCommand } from '@warden/core/state/tradingState';
import { pairArgument } from './pairArgument.js';
import type { CommandInput, CommandSpec, Reply, TelegramServices } from './types.js';

async function transition(
  services: TelegramServices,
  input: CommandInput,
  command: TransitionCommand,
  defaultReason: string,
): Promise<readonly Reply[]> {
  const reason = input.args.trim() || defaultReason;
  const result = await services.control.transition(command, input.actor, reason);
  const lines = [`State ${result.from} → ${result.to}`, `Reason: ${reason}`];
  if (result.cancellation) {
    lines.push(`Open orders canceled: ${result.cancellation.canceled.length}`);
    for (const f of result.cancellation.failed) lines.push(`Could not cancel ${f.clientOrderId}: ${f.error}`);
  }
  return [{ text: lines.join('\n') }];
}

/** "/pause ETH/USDT news": one pair's own switch, through the same service call as POST /api/pairs/pause (audited with the sender). */
async function pairTransition(
  services: TelegramServices,
  input: CommandInput,
  symbol: string,
  command: PairCommand,
  reason: string,
): Promise<readonly Reply[]> {
  const result = await services.control.setPairState(symbol, command, input.actor, reason);
  const others =
    command === 'pause' ? 'The other pairs keep trading.' : `It trades while the account is ${services.control.status().state}.`;
  return [{ text: [`${symbol}: ${result.from} → ${result.to}`, `Reason: ${reason}`, others].join('\n') }];
}

export const pauseCommand: CommandSpec = {
  name: 'pause',
  minRole: 'operator',
  description: 'pause trading; "/pause ETH/USDT" pauses one pair (optional reason after it)',
  run: (services, input) => {
    const { symbol, rest } = pairArgument(services, input.args);
    return symbol
      ? pairTransition(services, input, symbol, 'pause', rest || `${symbol} paused from Telegram`)
      : transition(services, input, 'pause', 'paused from Telegram');
  },
};

/**
 * From PAUSED this is a plain resume. From EMERGENCY_STOP it is the explicit manual resume, which
 * the state machine reserves for an admin giving a reason — so "/resume" alone is refused there.
 * "/resume ETH/USDT" resumes one paused pair.
 */
export const resumeCommand: CommandSpec = {
  name: 'resume',
  minRole: 'operator',
  description: 'resume trading; "/resume ETH/USDT" resumes one pair; after an emergency stop: admin, "/resume <reason>"',
  run: (services, input) => {
    const { symbol, rest } = pairArgument(services, input.args);
    if (symbol) return pairTransition(services, input, symbol, 'resume', rest || `${symbol} resumed from Telegram`);
    return services.control.status().state === 'EMERGENCY_STOP'
      ? transition(services, input, 'manual_resume', '')
      : transition(services, input, 'resume', 'resumed from Telegram');
  },
};

export const stopCommand: CommandSpec = {
  name: 'stop',
  minRole: 'operator',
  description: 'EMERGENCY STOP: halt trading on every pair and cancel open orders (optional reason)',
  run: (services, input) => transition(services, input, 'emergency_stop', 'emergency stop from Telegram'),
};

/** The advisor on demand, like POST /api/advisor/run: its proposals arrive as approval messages with buttons. */
export const adviseCommand: CommandSpec = {
  name: 'advise',
  minRole: 'operator',
  description: 'run the advisor now for every pair, or "/advise ETH/USDT" for one',
  run: async (services, input) => {
    if (!services.advisor) return [{ text: 'The advisor is not available in this process.' }];
    const { symbol } = pairArgument(services, input.args);
    const result = await services.advisor.run(input.actor, symbol ?? undefined);
    const lines = [
      `Advisor (${result.source || 'nothing ran'}) for ${symbol ?? 'every pair'}: ${result.saved.length} proposal(s) saved, ${result.dropped} dropped.`,
      ...result.saved.map((a) => `#${a.id}${a.symbol ? ` ${a.symbol}` : ''}: ${a.reason}`),
      ...(result.failed ?? []).map((f) => `${f.symbol} failed: ${f.error}`),
    ];
    return [{ text: lines.join('\n') }];
  },
};
