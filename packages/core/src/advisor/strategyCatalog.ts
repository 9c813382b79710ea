import type { StrategyDefinition } from '../strategy/types.js';

/**
 * The strategies the advisor may tune or switch to. A port rather than a direct import of the
 * registry so tests (and a future plug-in registry) can supply their own definitions.
 */
export interface StrategyCatalog {
  definition(name: string): StrategyDefinition | null;
  names(): readonly string[];
}

export function catalogOf(definitions: readonly StrategyDefinition[]): StrategyCatalog {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return {
    definition: (name) => byName.get(name) ?? null,
    names: () => [...byName.keys()],
  };
}
