import type { PortfolioReader } from '../app/portfolioView.js';
import type { SystemStatus } from '../app/services.js';
import type { Notification, Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import type { NotificationLogger } from './channel.js';
import { errorMessage, formatAmount, formatPct, formatSigned, formatTime, trimDecimal } from './format.js';

export interface HeartbeatDeps {
  /** `config` keeps the schedule (`telegram.heartbeat`), so a restart continues it. */
  readonly store: Pick<Store, 'equity' | 'fills' | 'positions' | 'approvals' | 'config'>;
  readonly status: { status(): SystemStatus };
  /** With several pairs: each pair's value and the account's exposure (absent: positions only). */
  readonly portfolio?: PortfolioReader;
  readonly notifier: Notifier;
  /** TELEGRAM_HEARTBEAT_HOURS: fractions allowed, 0 turns the heartbeat off. */
  readonly hours: number;
  readonly log: NotificationLogger;
}

const HEARTBEAT_KEY = 'telegram.heartbeat';

/** The schedule as kept in the `config` table. */
interface SavedHeartbeat {
  readonly intervalMs: number;
  readonly nextDueAt: number;
  readonly since: number;
  readonly baselineEquity: number | null;
}

/** Counting more trades than this in one heartbeat only needs "500+". */
const TRADE_COUNT_CAP = 500;

/**
 * A periodic "still alive, here is how it goes" message. The scheduler calls `tick(now)` every
 * cycle; the first tick only starts the schedule (start-up has its own message). Missed beats
 * (a long pause between ticks) collapse into one message, and the cadence stays aligned with the
 * first tick so the chat sees beats at predictable times.
 */
export class Heartbeat {
  private nextDueAt: number | null = null;
  private since = 0;
  private baselineEquity: number | null = null;

  constructor(private readonly deps: HeartbeatDeps) {}

  private get intervalMs(): number {
    return this.deps.hours * 3_600_000;
  }

  /** Returns true when a heartbeat was sent. Never throws into the scheduler. */
  tick(now: number): boolean {
    if (this.deps.hours <= 0) return false;
    try {
      if (this.nextDueAt === null && !this.resume(now)) {
        this.nextDueAt = now + this.intervalMs;
        this.since = now;
        this.baselineEquity = this.currentEquity();
        this.save(now);
        return false;
      }
      if (this.nextDueAt === null || now < this.nextDueAt) return false;
      this.deps.notifier.notify(this.build(now));
      // Missed beats collapse into this one; the next stays on the original rhythm.
      this.nextDueAt += (Math.floor((now - this.nextDueAt) / this.intervalMs) + 1) * this.intervalMs;
      this.since = now;
      this.baselineEquity = this.currentEquity();
      this.save(now);
      return true;
    } catch (err) {
      this.deps.log.warn({ error: errorMessage(err) }, 'heartbeat failed');
      return false;
    }
  }

  /**
   * After a restart: continue the saved schedule, so "since last heartbeat" still means since the
   * last message the chat got (a beat due during the downtime goes out on the first tick). A saved
   * schedule from another interval, or one not yet begun, starts over.
   */
  private resume(now: number): boolean {
    let saved: SavedHeartbeat | null;
    try {
      saved = this.deps.store.config.get<SavedHeartbeat>(HEARTBEAT_KEY);
    } catch {
      return false; // unreadable: start a new schedule
    }
    // Only a schedule this class could have written: the next beat is within one interval after
    // the last one, and the last one is not in the future (a clock that went back starts over).
    if (
      !saved ||
      saved.intervalMs !== this.intervalMs ||
      typeof saved.nextDueAt !== 'number' ||
      typeof saved.since !== 'number' ||
      !Number.isFinite(saved.nextDueAt) ||
      !Number.isFinite(saved.since) ||
      saved.since > now ||
      !(saved.nextDueAt > saved.since && saved.nextDueAt <= saved.since + this.intervalMs)
    )
      return false;
    this.nextDueAt = saved.nextDueAt;
    this.since = saved.since;
    this.baselineEquity = typeof saved.baselineEquity === 'number' ? saved.baselineEquity : null;
    return true;
  }

  private save(now: number): void {
    const state: SavedHeartbeat = {
      intervalMs: this.intervalMs,
      nextDueAt: this.nextDueAt ?? now,
      since: this.since,
      baselineEquity: this.baselineEquity,
    };
    this.deps.store.config.set(HEARTBEAT_KEY, state, 'system', now);
  }

  private currentEquity(): number | null {
    const latest = this.deps.store.equity.latest();
    return latest ? Number(latest.equity) : null;
  }

  /**
   * The message: the account's equity and PnL since the last beat, then the position and trades
   * since the last beat — of the one pair, or with several pairs one line per pair (its strategy,
   * state, position, value and trades) and the account's total of trades.
   */
  build(now: number): Notification {
    const { store } = this.deps;
    const status = this.deps.status.status();
    const pairs = status.pairs.length > 0 ? status.pairs : [{ symbol: status.symbol, strategy: status.strategy, state: status.state }];
    const several = pairs.length > 1;
    const quote = (pairs[0]?.symbol ?? status.symbol).split('/')[1] ?? '';
    const account = this.deps.portfolio?.portfolio() ?? null;
    const view = several ? account : null;
    const equity = this.currentEquity();
    const lines: string[] = [
      several ? `Mode: ${status.mode} · ${pairs.length} pairs` : `Mode: ${status.mode} · ${status.symbol} · ${status.strategy}`,
    ];
    if (equity === null) lines.push('Equity: no snapshot yet');
    else {
      lines.push(`Equity: ${formatAmount(equity)} ${quote}${view ? ` · ${view.exposurePct.toFixed(1)}% in positions` : ''}`);
      if (this.baselineEquity !== null && this.baselineEquity > 0) {
        const pnl = equity - this.baselineEquity;
        lines.push(`PnL since last heartbeat: ${formatSigned(pnl, quote)} (${formatPct((pnl / this.baselineEquity) * 100)})`);
      }
      const p = account?.performance;
      if (p) {
        const limit = (pct: number) => (pct > 0 ? ` (limit ${pct}%)` : '');
        lines.push(
          `Drawdown: ${p.drawdownPct.toFixed(2)}%${limit(p.drawdownLimitPct)} · today ${formatPct(p.dayPnlPct)}${limit(p.dailyLossLimitPct)} · return ${formatPct(p.returnPct)}`,
        );
      }
    }
    const position = (symbol: string): string => {
      const p = store.positions.get(symbol);
      return p && Number(p.quantity) !== 0
        ? `${trimDecimal(p.quantity)} @ ${trimDecimal(p.avgEntryPrice)} (realized ${formatSigned(Number(p.realizedPnl), quote)})`
        : 'flat';
    };
    const trades = (symbol: string) => store.fills.list({ symbol, from: this.since + 1, to: now }, { limit: TRADE_COUNT_CAP });
    if (!several) {
      lines.push(`Position: ${position(status.symbol)}`);
      const t = trades(status.symbol);
      lines.push(`Trades since last heartbeat: ${t.items.length}${t.nextCursor !== null ? '+' : ''}`);
    } else {
      let total = 0;
      let capped = false;
      for (const pair of pairs) {
        const t = trades(pair.symbol);
        total += t.items.length;
        capped ||= t.nextCursor !== null;
        const held = view?.pairs.find((p) => p.symbol === pair.symbol);
        const value = held && held.value > 0 ? ` · ${formatAmount(held.value)} ${quote} (${held.allocationPct.toFixed(1)}%)` : '';
        lines.push(
          `${pair.symbol} · ${pair.strategy} · ${pair.state}: ${position(pair.symbol)}${value} · ${t.items.length}${t.nextCursor !== null ? '+' : ''} trade${t.items.length === 1 ? '' : 's'}`,
        );
      }
      lines.push(`Trades since last heartbeat: ${total}${capped ? '+' : ''}`);
    }
    const pending = store.approvals.list({ status: 'PENDING' }, { limit: 100 });
    lines.push(`Pending approvals: ${pending.items.length}${pending.nextCursor !== null ? '+' : ''}`);
    lines.push(
      `Last cycle: ${status.lastCycleAt === null ? 'none yet' : formatTime(status.lastCycleAt)} · scheduler ${status.schedulerRunning ? 'running' : 'stopped'}`,
    );
    if (status.lastError) lines.push(`Last error: ${status.lastError}`);
    return { type: 'heartbeat', title: `Heartbeat: ${status.state}`, lines };
  }
}
