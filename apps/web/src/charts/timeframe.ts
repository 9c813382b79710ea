const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, M: 30 * 86_400_000 };

/** Length of a Binance timeframe such as "5m" or "4h" (a month approximated as 30 days). */
export function timeframeMs(timeframe: string): number {
  const match = /^(\d+)([mhdwM])$/.exec(timeframe);
  if (!match) return 60_000;
  return Number(match[1]) * (UNIT_MS[match[2] ?? 'm'] ?? 60_000);
}
