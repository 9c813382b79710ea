import type { Candle } from '../domain/market.js';
import type { RunMetrics } from './runPart.js';
import { researchScore } from './score.js';

/**
 * Buy-and-hold over the candles a part trades (open time ≥ `from`): bought at the first close,
 * marked at every close. Return and max drawdown are of the price (no fee, no slippage: the same
 * figure `warden backtest` prints as "buy and hold"); exposure is 100 %, one trade.
 */
export function buyAndHold(primary: readonly Candle[], from: number | undefined, startingEquity: number, curvePoints: number): RunMetrics {
  const traded = from === undefined ? primary : primary.filter((c) => c.openTime >= from);
  const first = traded[0];
  const last = traded[traded.length - 1];
  let peak = 0;
  let maxDrawdown = 0;
  for (const c of traded) {
    peak = Math.max(peak, c.close);
    maxDrawdown = Math.max(maxDrawdown, (peak - c.close) / peak);
  }
  const returnPct = first && last ? ((last.close - first.close) / first.close) * 100 : 0;
  const maxDrawdownPct = maxDrawdown * 100;
  const stride = Math.max(1, Math.floor(traded.length / Math.max(1, curvePoints)));
  const curve =
    curvePoints > 0 && first
      ? traded
          .filter((_, i) => i % stride === 0 || i === traded.length - 1)
          .map((c) => [c.openTime, (startingEquity * c.close) / first.close] as const)
      : [];
  return {
    ok: true,
    params: {},
    returnPct,
    maxDrawdownPct,
    score: researchScore(returnPct, maxDrawdownPct),
    trades: first ? 1 : 0,
    feesPaid: 0,
    feesPct: 0,
    exposurePct: first ? 100 : 0,
    buyHoldReturnPct: returnPct,
    candles: traded.length,
    from: first?.openTime ?? null,
    to: last?.openTime ?? null,
    startingEquity,
    finalEquity: startingEquity * (1 + returnPct / 100),
    emergencyStop: false,
    curve,
  };
}
