import type { ActorRef, AdvisorRunResult, AdvisorService } from '../app/services.js';
import type { Approval } from '../domain/approval.js';
import { ForbiddenError, ValidationError } from '../errors/errors.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { roleAtLeast } from '../state/tradingState.js';
import { type ServiceLogger, silentLogger } from './logger.js';

export interface PortfolioAdvisorDeps {
  /** Each traded pair's advisor (its own context, strategy and parameters), in TRADING_SYMBOLS order. */
  readonly pairs: ReadonlyMap<string, AdvisorService>;
  readonly store: Pick<Store, 'audit'>;
  readonly clock: Clock;
  readonly logger?: ServiceLogger;
}

/**
 * The advisor of several pairs: every pair has its own advisor, and a run covers one named pair or
 * every pair one after the other (the scheduled run every TRADING_ADVISOR_INTERVAL_CYCLES does all
 * of them, so each pair is looked at on the same rhythm as with one pair). A pair whose run fails is
 * audited (`advisor.pair_failed`) and reported in `failed`; the others still run. When every pair
 * fails, the first failure is thrown, as a one-pair run would.
 */
export class PortfolioAdvisor implements AdvisorService {
  readonly #log: ServiceLogger;

  constructor(private readonly deps: PortfolioAdvisorDeps) {
    this.#log = deps.logger ?? silentLogger;
  }

  async run(actor: ActorRef, symbol?: string): Promise<AdvisorRunResult> {
    if (!roleAtLeast(actor.role, 'operator')) throw new ForbiddenError('running the advisor needs role operator', { role: actor.role });
    const { pairs } = this.deps;
    if (symbol !== undefined) {
      const one = pairs.get(symbol);
      if (!one)
        throw new ValidationError(`${symbol} is not one of the traded pairs (${[...pairs.keys()].join(', ')})`, 'symbol', { symbol });
      return one.run(actor, symbol);
    }
    const saved: Approval[] = [];
    const sources = new Set<string>();
    const failed: Array<{ symbol: string; error: string }> = [];
    let dropped = 0;
    let firstError: unknown = null;
    for (const [pair, advisor] of pairs) {
      try {
        const result = await advisor.run(actor, pair);
        saved.push(...result.saved);
        dropped += result.dropped;
        sources.add(result.source);
      } catch (error) {
        firstError ??= error;
        const message = error instanceof Error ? error.message : String(error);
        failed.push({ symbol: pair, error: message });
        this.#log.warn({ symbol: pair, message }, 'advisor run of a pair failed');
        this.deps.store.audit.append({
          time: this.deps.clock.now(),
          type: 'advisor.pair_failed',
          actor: 'advisor',
          reason: `${pair}: ${message}`,
          inputs: { symbol: pair, requestedBy: actor.id },
          outcome: 'error',
        });
      }
    }
    if (failed.length > 0 && failed.length === pairs.size) throw firstError;
    return { saved, dropped, source: [...sources].join(', '), ...(failed.length > 0 ? { failed } : {}) };
  }
}
