import { type CandleGapReport, describeGap } from '../../data/candleGaps.js';
import type { CycleCore } from '../cycleCore.js';
import { CycleWork } from '../cycleWork.js';
import type { MarketSnapshot } from '../marketFeed.js';

/**
 * Step 1 — market data. The snapshot (closed candles per timeframe, the price, the range traded
 * since the last snapshot) becomes the cycle's work; the broker then catches up with it (resting
 * orders the price crossed fill now), which the orchestrator chains.
 */
export function startWork(core: CycleCore, now: number, market: MarketSnapshot): CycleWork {
  const primary = market.candles[core.deps.settings.primaryTimeframe] ?? [];
  return new CycleWork(now, market, primary[primary.length - 1], core.idPrefix);
}

/** A hole in the market data is an event: indicators restart after it, and the operator should know. */
export function recordGaps(core: CycleCore, work: CycleWork): void {
  const gaps: readonly CandleGapReport[] | undefined = work.market.gaps;
  if (gaps === undefined || gaps.length === 0) return;
  for (const gap of gaps) {
    work.record({
      time: work.now,
      type: 'market.gap',
      actor: 'system',
      reason: `data gap: ${describeGap(gap)}; indicators restart after it`,
      inputs: { symbol: core.deps.settings.symbol, ...gap },
      outcome: 'indicators_restarted',
      correlationId: work.cycleId,
    });
  }
}
