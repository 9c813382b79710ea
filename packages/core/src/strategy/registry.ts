import { ValidationError } from '../errors/errors.js';
import { emaCrossoverDefinition } from './emaCrossover/emaCrossover.js';
import { staticGridDefinition } from './grid/staticGrid.js';
import { rsiMeanReversionDefinition } from './rsiMeanReversion/rsiMeanReversion.js';
import { smartGridDefinition } from './smartGrid/smartGrid.js';
import type { Strategy, StrategyDefinition, StrategyParams, StrategySettings } from './types.js';

const definitions: readonly StrategyDefinition[] = [
  smartGridDefinition,
  staticGridDefinition,
  emaCrossoverDefinition,
  rsiMeanReversionDefinition,
];

/** Every strategy TRADING_ACTIVE_STRATEGY may name, by name. */
export const strategyRegistry: ReadonlyMap<string, StrategyDefinition> = new Map(definitions.map((d) => [d.name, d]));

export function knownStrategyNames(): string[] {
  return [...strategyRegistry.keys()];
}

export function getStrategyDefinition(name: string): StrategyDefinition {
  const definition = strategyRegistry.get(name);
  if (!definition)
    throw new ValidationError(`unknown strategy "${name}"; known: ${knownStrategyNames().join(', ')}`, 'TRADING_ACTIVE_STRATEGY', { name });
  return definition;
}

/**
 * Parses stored parameters against the strategy's schema (environment defaults first, then the
 * stored values, then the schema's defaults) and creates the instance. Bad parameters throw a
 * ValidationError naming the parameter; so does a definition's own refusal (e.g. the fee floor).
 */
export function parseStrategyParams(
  name: string,
  rawParams: Readonly<Record<string, unknown>>,
  settings: StrategySettings,
): StrategyParams {
  const definition = getStrategyDefinition(name);
  const merged = { ...definition.defaultsFromSettings?.(settings), ...rawParams };
  const parsed = definition.paramsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || undefined;
    const all = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    throw new ValidationError(`invalid parameters for strategy "${name}": ${all}`, field, { issues: parsed.error.issues });
  }
  return parsed.data;
}

export function createStrategy(name: string, rawParams: Readonly<Record<string, unknown>>, settings: StrategySettings): Strategy {
  return getStrategyDefinition(name).create(parseStrategyParams(name, rawParams, settings), settings);
}
