import { approvalPendingNotification } from '@warden/core/notifications/approvalMessages';
import { formatAmount, formatPct, formatSigned, formatTime, trimDecimal } from '@warden/core/notifications/format';
import { renderNotification } from '@warden/core/notifications/render';
import { roleAtLeast } from '@warden/core/state/tradingState';
import { approvalKeyboard } from '../keyboards.js';
import type { CommandSpec, Reply, TelegramServices } from './types.js';

const one = (text: string): readonly Reply[] => [{ text }];

function assets(services: TelegramServices): { base: string; quote: string; symbol: string } {
  const symbol = services.control.status().symbol;
  const [base = '', quote = ''] = symbol.split('/');
  return { base, quote, symbol };
}

export const statusCommand: CommandSpec = {
  name: 'status',
  minRole: 'viewer',
  description: 'state, mode, strategy, scheduler and last cycle',
  run: ({ control }) => {
    const s = control.status();
    const lines = [
      `State: ${s.state}`,
      `Mode: ${s.mode} · ${s.symbol} (${s.timeframes.join(', ')})`,
      `Strategy: ${s.strategy}`,
      `Scheduler: ${s.schedulerRunning ? 'running' : 'stopped'} · data ${s.dataReady ? 'ready' : 'warming up'}`,
      `Cycles: ${s.cycleCount} · last ${s.lastCycleAt === null ? 'none yet' : formatTime(s.lastCycleAt)}`,
    ];
    if (s.lastError) lines.push(`Last error: ${s.lastError}`);
    return one(lines.join('\n'));
  },
};

export const balanceCommand: CommandSpec = {
  name: 'balance',
  minRole: 'viewer',
  description: 'equity and balances from the latest snapshot',
  run: (services) => {
    const snap = services.store.equity.latest();
    if (!snap) return one('No equity snapshot yet: no cycle has completed.');
    const { base, quote } = assets(services);
    return one(
      [
        `Equity: ${formatAmount(snap.equity)} ${quote}`,
        `${quote}: ${trimDecimal(snap.quoteBalance)}`,
        `${base}: ${trimDecimal(snap.baseBalance)} @ ${trimDecimal(snap.price)}`,
        `As of ${formatTime(snap.time)}`,
      ].join('\n'),
    );
  },
};

export const positionsCommand: CommandSpec = {
  name: 'positions',
  minRole: 'viewer',
  description: 'open positions',
  run: (services) => {
    const open = services.store.positions.list().filter((p) => Number(p.quantity) !== 0);
    if (open.length === 0) return one('No open position.');
    const unrealized = services.store.equity.latest()?.unrealizedPnl;
    const lines = open.map(
      (p) => `${p.symbol}: ${trimDecimal(p.quantity)} @ ${trimDecimal(p.avgEntryPrice)} · realized ${formatSigned(Number(p.realizedPnl))}`,
    );
    if (unrealized !== undefined) lines.push(`Unrealized: ${formatSigned(Number(unrealized))}`);
    return one(lines.join('\n'));
  },
};

const TRADES_SHOWN = 10;

export const tradesCommand: CommandSpec = {
  name: 'trades',
  minRole: 'viewer',
  description: `the last ${TRADES_SHOWN} fills`,
  run: (services) => {
    const { symbol } = assets(services);
    const fills = services.store.fills.list({ symbol }, { limit: TRADES_SHOWN }).items;
    if (fills.length === 0) return one('No trades yet.');
    const lines = fills.map(
      (f) =>
        `${formatTime(f.time)} ${f.side} ${trimDecimal(f.quantity)} @ ${trimDecimal(f.price)} (fee ${trimDecimal(f.fee)} ${f.feeAsset})`,
    );
    return one([`Last ${fills.length} trades on ${symbol}:`, ...lines].join('\n'));
  },
};

export const profitCommand: CommandSpec = {
  name: 'profit',
  minRole: 'viewer',
  description: 'PnL since the first snapshot and performance metrics',
  run: (services) => {
    const first = services.store.equity.first();
    const latest = services.store.equity.latest();
    if (!first || !latest) return one('No equity snapshot yet: no cycle has completed.');
    const { quote } = assets(services);
    const start = Number(first.equity);
    const pnl = Number(latest.equity) - start;
    const lines = [`PnL: ${formatSigned(pnl, quote)} (${formatPct(start > 0 ? (pnl / start) * 100 : 0)}) since ${formatTime(first.time)}`];
    lines.push(
      `Realized: ${formatSigned(Number(latest.realizedPnl), quote)} · unrealized: ${formatSigned(Number(latest.unrealizedPnl), quote)}`,
    );
    const m = services.store.metrics.latest();
    if (m) {
      lines.push(
        `Max drawdown: ${formatPct(-Math.abs(m.maxDrawdownPct))} · win rate ${(m.winRate * 100).toFixed(0)}% · ${m.tradeCount} trades`,
      );
      lines.push(
        `Fees paid: ${formatAmount(m.feesPaid)} ${quote}${m.profitFactor === null ? '' : ` · profit factor ${m.profitFactor.toFixed(2)}`}`,
      );
    }
    return one(lines.join('\n'));
  },
};

const APPROVALS_SHOWN = 10;

export const approvalsCommand: CommandSpec = {
  name: 'approvals',
  minRole: 'viewer',
  description: 'pending advisor proposals (operators get approve/reject buttons)',
  run: ({ approvals }, { actor }) => {
    const pending = approvals.list({ status: 'PENDING' }, { limit: APPROVALS_SHOWN });
    if (pending.items.length === 0) return one('No pending approvals.');
    const canDecide = roleAtLeast(actor.role, 'operator');
    return pending.items.map((a) => ({
      text: renderNotification(approvalPendingNotification(a)),
      ...(canDecide ? { keyboard: approvalKeyboard(a.id) } : {}),
    }));
  },
};
