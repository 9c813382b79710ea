import type { AdvisorService } from '@warden/core/app/services';
import type { ApprovalExpiryChecker } from '@warden/core/approvals/expiryChecker';
import type { PortfolioOutcome } from '@warden/core/cycle/portfolioCycle';
import type { Heartbeat } from '@warden/core/notifications/heartbeat';
import { cycleErrorNotification } from '@warden/core/notifications/systemMessages';
import type { Clock } from '@warden/core/ports/clock';
import type { Notifier } from '@warden/core/ports/notifier';
import type { Store } from '@warden/core/ports/store';
import type { Logger } from 'pino';
import { type ExchangeOutage, isExchangeOutage } from './exchangeOutage.js';
import type { WardenMetrics } from './metrics/wardenMetrics.js';

export interface CycleRunnerDeps {
  /** One tick of every traded pair (`PortfolioCycle.run`). */
  readonly cycle: { run(now: number): Promise<PortfolioOutcome> };
  readonly clock: Clock;
  readonly store: Store;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly advisor: AdvisorService;
  /** TRADING_ADVISOR_INTERVAL_CYCLES; 0 = only on demand. */
  readonly advisorEvery: number;
  readonly expiry: ApprovalExpiryChecker;
  readonly heartbeat: Heartbeat | null;
  /**
   * Runs before each cycle: the exchange clock is resynced here, so time keeps following the
   * exchange even when it runs at another speed (a test server replaying recorded days).
   */
  readonly beforeCycle?: () => Promise<unknown>;
  /** Runs after each tick's cycles, outside any of them (the WAL checkpoint between cycles). */
  readonly afterCycle?: () => void;
  /** Exchange failures are reported as one outage here instead of one error per cycle. */
  readonly outage?: Pick<ExchangeOutage, 'failed' | 'recovered'>;
  /** Cycle durations and outcomes for GET /metrics. */
  readonly metrics?: Pick<WardenMetrics, 'cycle'>;
}

/**
 * What the scheduler runs each tick: the trading cycle, then the periodic duties the seed hangs on
 * the scheduler (advisor every N cycles, approval expiry, heartbeat). Every failure is audited and
 * reported, and none escapes: the process never dies of a bad cycle, and the next tick proceeds.
 */
export class CycleRunner {
  cycleCount = 0;
  lastCycleAt: number | null = null;
  lastCycleId: string | null = null;
  lastError: string | null = null;

  constructor(private readonly deps: CycleRunnerDeps) {}

  async tick(): Promise<void> {
    const { clock, logger } = this.deps;
    if (this.deps.beforeCycle) await this.duty('clock sync', this.deps.beforeCycle);
    const now = clock.now();
    const started = performance.now();
    try {
      const outcome = await this.deps.cycle.run(now);
      this.deps.metrics?.cycle((performance.now() - started) / 1000, outcome);
      this.cycleCount++;
      this.lastCycleAt = now;
      this.lastCycleId = outcome.cycleId;
      // A pair that failed has already reported itself (pairFailed); the exchange is back only when every pair ran.
      if (outcome.pairs.every((p) => p.error === null)) {
        this.deps.outage?.recovered();
        this.lastError = null;
      }
      for (const pair of outcome.pairs) {
        const o = pair.outcome;
        if (o?.decided)
          logger.info(
            {
              symbol: pair.symbol,
              cycleId: o.cycleId,
              signal: o.signal?.action,
              decision: o.decision?.decision ?? null,
              equity: outcome.equity,
            },
            outcome.pairs.length > 1 ? `${pair.symbol}: cycle decided` : 'cycle decided',
          );
      }
      if (!outcome.decided) logger.debug({ cycleId: outcome.cycleId, fills: outcome.fills }, 'cycle synced');
    } catch (error) {
      this.deps.metrics?.cycle((performance.now() - started) / 1000, null);
      this.fail('cycle', now, error);
    }
    if (this.deps.afterCycle) await this.duty('wal checkpoint', async () => this.deps.afterCycle?.());
    await this.duty('approval expiry', () => this.deps.expiry.expireDue(clock.now()));
    if (this.deps.advisorEvery > 0 && this.cycleCount > 0 && this.cycleCount % this.deps.advisorEvery === 0) {
      await this.duty('advisor', () => this.deps.advisor.run({ id: 'system', role: 'system' }));
    }
    await this.duty('heartbeat', async () => this.deps.heartbeat?.tick(clock.now()));
  }

  /**
   * One pair's cycle failed while the others ran (its data could not be fetched, its commit
   * failed): audited as `cycle.pair_failed` with the pair, reported like a failed cycle.
   */
  pairFailed(symbol: string, error: unknown, now: number): void {
    this.fail('cycle', now, error, symbol);
  }

  private async duty(name: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.fail(name, this.deps.clock.now(), error);
    }
  }

  private fail(what: string, now: number, error: unknown, symbol?: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = `${symbol ? `${symbol} ` : ''}${what}: ${message}`;
    if (this.deps.outage && isExchangeOutage(error)) this.deps.outage.failed(error, what);
    else this.deps.logger.error({ err: error, what }, `${what} failed`);
    try {
      this.deps.store.audit.append({
        time: now,
        type: symbol ? 'cycle.pair_failed' : `${what === 'cycle' ? 'cycle' : 'duty'}.failed`,
        actor: 'system',
        reason: message,
        inputs: symbol ? { what, symbol } : { what },
        outcome: 'error',
      });
    } catch (auditError) {
      this.deps.logger.error({ err: auditError }, 'could not audit a failure');
    }
    this.deps.notifier.notify(
      what === 'cycle'
        ? cycleErrorNotification({ cycleId: null, error, fatal: false })
        : { type: 'errors', title: `${what} failed`, lines: [message] },
    );
  }
}
