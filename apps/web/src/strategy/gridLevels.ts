import type { GridLevel, StrategyInfo } from '../api/types';

/** Grid levels out of a strategy's free-form describe(): objects {price, side} or bare prices; anything else is ignored. */
export function gridLevels(describe: StrategyInfo['describe'] | undefined): GridLevel[] {
  const raw = describe?.levels;
  if (!Array.isArray(raw)) return [];
  const levels: GridLevel[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item === 'number' && Number.isFinite(item)) levels.push({ price: item, side: 'NONE' });
    else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const price = Number(o.price);
      if (Number.isFinite(price))
        levels.push({ price, side: String(o.side ?? 'NONE').toUpperCase(), index: typeof o.index === 'number' ? o.index : undefined });
    }
  }
  return levels;
}

export function sideTone(side: string): 'up' | 'down' | 'neutral' {
  return side === 'BUY' ? 'up' : side === 'SELL' ? 'down' : 'neutral';
}
