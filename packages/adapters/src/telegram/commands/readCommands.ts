import type { PairHoldingView } from '@warden/core/app/portfolioView';
import { approvalPendingNotification } from '@warden/core/notifications/approvalMessages';
import { formatAmount, formatPct, formatSigned, formatTime, trimDecimal } from '@warden/core/notifications/format';
import { renderNotification } from '@warden/core/notifications/render';
import { roleAtLeast } from '@warden/core/state/tradingState';
import { approvalKeyboard } from '../keyboards.js';
import { pairArgument } from './pairArgument.js';
import type { CommandSpec, Reply, TelegramServices } from './types.js';

const one = (text: string): readonly Reply[] => [{ text }];

function quoteOf(services: TelegramServices): string {
  return services.portfolio.portfolio().quote;
}

/** "0.1 BTC = 4200.00 USDT (41.0%)", or "flat". */
function holding(pair: PairHoldingView, quote: string): string {
  if (pair.baseBalance === 0) return 'flat';
  const base = pair.symbol.split('/')[0] ?? '';
  return `${pair.baseBalance} ${base} = ${formatAmount(pair.value)} ${quote} (${pair.allocationPct.toFixed(1)}%)`;
}

export const statusCommand: CommandSpec = {
  name: 'status',
  minRole: 'viewer',
  description: 'state, mode, scheduler, the account and every pair (strategy, state, position, value)',
  run: ({ control, portfolio }) => {
    const s = control.status();
    const view = portfolio.portfolio();
    const lines = [
      `State: ${s.state}`,
      `Mode: ${s.mode} · ${s.pairs.length === 1 ? s.symbol : `${s.pairs.length} pairs`} (${s.timeframes.join(', ')})`,
      `Scheduler: ${s.schedulerRunning ? 'running' : 'stopped'} · data ${s.dataReady ? 'ready' : 'warming up'}`,
      view.time === null
        ? 'Equity: no snapshot yet'
        : `Equity: ${formatAmount(view.equity)} ${view.quote} · ${view.exposurePct.toFixed(1)}% in positions`,
    ];
    const p = view.performance;
    if (p) {
      const limit = (pct: number) => (pct > 0 ? ` (limit ${pct}%)` : '');
      lines.push(
        `Return ${signedPct(p.returnPct)} · drawdown ${p.drawdownPct.toFixed(2)}%${limit(p.drawdownLimitPct)} · today ${signedPct(p.dayPnlPct)}${limit(p.dailyLossLimitPct)}`,
      );
    }
    for (const pair of view.pairs) {
      const state = pair.paused ? `${pair.state} (pair paused)` : pair.state;
      lines.push(`${pair.symbol} · ${pair.strategy} · ${state}: ${holding(pair, view.quote)}`);
    }
    lines.push(`Cycles: ${s.cycleCount} · last ${s.lastCycleAt === null ? 'none yet' : formatTime(s.lastCycleAt)}`);
    if (s.lastError) lines.push(`Last error: ${s.lastError}`);
    return one(lines.join('\n'));
  },
};

export const balanceCommand: CommandSpec = {
  name: 'balance',
  minRole: 'viewer',
  description: "the account's equity and quote, and each pair's base, from the latest snapshots",
  run: ({ portfolio }) => {
    const view = portfolio.portfolio();
    if (view.time === null) return one('No equity snapshot yet: no cycle has completed.');
    const lines = [`Equity: ${formatAmount(view.equity)} ${view.quote}`, `${view.quote}: ${trimDecimal(String(view.quoteBalance))}`];
    for (const pair of view.pairs)
      lines.push(
        `${pair.symbol.split('/')[0]}: ${trimDecimal(String(pair.baseBalance))} @ ${pair.price === null ? '—' : trimDecimal(String(pair.price))}`,
      );
    lines.push(`As of ${formatTime(view.time)}`);
    return one(lines.join('\n'));
  },
};

export const positionsCommand: CommandSpec = {
  name: 'positions',
  minRole: 'viewer',
  description: 'open positions, per pair',
  run: (services) => {
    const open = services.store.positions.list().filter((p) => Number(p.quantity) !== 0);
    if (open.length === 0) return one('No open position.');
    const view = services.portfolio.portfolio();
    const lines = open.map((p) => {
      const unrealized = view.pairs.find((v) => v.symbol === p.symbol)?.unrealizedPnl;
      return `${p.symbol}: ${trimDecimal(p.quantity)} @ ${trimDecimal(p.avgEntryPrice)} · realized ${formatSigned(Number(p.realizedPnl))}${
        unrealized === undefined ? '' : ` · unrealized ${formatSigned(Number(unrealized))}`
      }`;
    });
    return one(lines.join('\n'));
  },
};

const TRADES_SHOWN = 10;

export const tradesCommand: CommandSpec = {
  name: 'trades',
  minRole: 'viewer',
  description: `the last ${TRADES_SHOWN} fills of every pair, or "/trades ETH/USDT" of one`,
  run: (services, input) => {
    const { symbol } = pairArgument(services, input.args);
    const fills = services.store.fills.list(symbol ? { symbol } : {}, { limit: TRADES_SHOWN }).items;
    if (fills.length === 0) return one(`No trades yet${symbol ? ` on ${symbol}` : ''}.`);
    const several = !symbol && services.control.status().pairs.length > 1;
    const lines = fills.map(
      (f) =>
        `${formatTime(f.time)} ${several ? `${f.symbol} ` : ''}${f.side} ${trimDecimal(f.quantity)} @ ${trimDecimal(f.price)} (fee ${trimDecimal(f.fee)} ${f.feeAsset})`,
    );
    return one([`Last ${fills.length} trades${symbol || !several ? ` on ${symbol ?? fills[0]?.symbol}` : ''}:`, ...lines].join('\n'));
  },
};

export const profitCommand: CommandSpec = {
  name: 'profit',
  minRole: 'viewer',
  description: "the account's PnL since the first snapshot, and each pair's trades and PnL",
  run: (services) => {
    const first = services.store.equity.first();
    const latest = services.store.equity.latest();
    if (!first || !latest) return one('No equity snapshot yet: no cycle has completed.');
    const quote = quoteOf(services);
    const view = services.portfolio.portfolio();
    const start = Number(first.equity);
    const pnl = Number(latest.equity) - start;
    const lines = [`PnL: ${formatSigned(pnl, quote)} (${formatPct(start > 0 ? (pnl / start) * 100 : 0)}) since ${formatTime(first.time)}`];
    const realized = view.pairs.reduce((sum, p) => sum + Number(p.realizedPnl), 0);
    const unrealized = view.pairs.reduce((sum, p) => sum + Number(p.unrealizedPnl), 0);
    lines.push(`Realized: ${formatSigned(realized, quote)} · unrealized: ${formatSigned(unrealized, quote)}`);
    if (view.pairs.length > 1) {
      const fees = view.pairs.reduce((sum, p) => sum + p.feesPaid, 0);
      lines.push(`Trades: ${view.pairs.reduce((n, p) => n + p.trades, 0)} · fees paid ${formatAmount(fees)} ${quote}`);
      for (const p of view.pairs)
        lines.push(
          `${p.symbol}: ${p.trades} trades · realized ${formatSigned(Number(p.realizedPnl), quote)} · unrealized ${formatSigned(Number(p.unrealizedPnl), quote)}`,
        );
      return one(lines.join('\n'));
    }
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
  description: 'pending advisor proposals, each naming its pair; "/approvals ETH/USDT" for one pair (operators get approve/reject buttons)',
  run: (services, { actor, args }) => {
    const { symbol } = pairArgument(services, args);
    const pending = services.approvals.list({ status: 'PENDING', ...(symbol ? { symbol } : {}) }, { limit: APPROVALS_SHOWN });
    if (pending.items.length === 0) return one('No pending approvals.');
    const canDecide = roleAtLeast(actor.role, 'operator');
    return pending.items.map((a) => ({
      text: renderNotification(approvalPendingNotification(a)),
      ...(canDecide ? { keyboard: approvalKeyboard(a.id) } : {}),
    }));
  },
};

/** A percentage with its sign, two decimals: +1.25%, -0.40%, 0.00%. */
function signedPct(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}%`;
}
