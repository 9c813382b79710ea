import { knownStrategyNames, strategyRegistry } from '../strategy/registry.js';
import type { StrategyCatalog } from './strategyCatalog.js';

/** The built-in strategies, as the advisor and approvals see them. */
export const registryCatalog: StrategyCatalog = {
  definition: (name) => strategyRegistry.get(name) ?? null,
  names: () => knownStrategyNames(),
};
