import { baseParams } from '../advisor/baseParams.js';
import type { StrategyCatalog } from '../advisor/strategyCatalog.js';
import { CONFIG_KEYS } from '../app/configKeys.js';
import type { ProposalChange } from '../domain/approval.js';
import { ConflictError, ValidationError } from '../errors/errors.js';
import type { ConfigRepository } from '../ports/store.js';
import type { StrategyDefinition, StrategyParams, StrategySettings } from '../strategy/types.js';

/** One row of the `config` table an approved change writes, with the value it replaces. */
export interface ConfigWrite {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

function definitionOf(catalog: StrategyCatalog, name: string): StrategyDefinition {
  const definition = catalog.definition(name);
  if (!definition) throw new ValidationError(`strategy ${name} is not known (any more)`, 'strategy');
  return definition;
}

/** Bounds may have changed since the proposal was made (new release, new strategy version): check again. */
function checkTunable(definition: StrategyDefinition, values: StrategyParams, onlyTunable: boolean): void {
  for (const [key, value] of Object.entries(values)) {
    const param = definition.tunable.find((p) => p.key === key);
    if (!param) {
      if (onlyTunable) throw new ValidationError(`${key} is not a tunable parameter of ${definition.name}`, key);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError(`${key} must be a number`, key);
    if (param.integer && !Number.isInteger(value)) throw new ValidationError(`${key} must be a whole number`, key);
    if (value < param.min || value > param.max) throw new ValidationError(`${key}=${value} is outside [${param.min}, ${param.max}]`, key);
  }
}

function parseWhole(definition: StrategyDefinition, params: StrategyParams, settings: StrategySettings | undefined): StrategyParams {
  const parsed = definition.paramsSchema.safeParse(params);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    throw new ValidationError(`the changed parameters of ${definition.name} are no longer valid: ${detail}`, 'params');
  }
  // The strategy's own checks too, e.g. the grid fee floor at today's fees.
  if (settings) {
    try {
      definition.create(parsed.data, settings);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw new ValidationError(
        `${definition.name} refuses the changed parameters: ${error instanceof Error ? error.message : String(error)}`,
        'params',
      );
    }
  }
  return parsed.data;
}

/**
 * Re-validates an approved change against the current strategy definitions and config, and says
 * which config rows to write. Pure apart from reading config; throws ValidationError when the
 * change no longer fits its bounds and ConflictError when a strategy switch is stale.
 */
export function planApply(
  change: ProposalChange,
  config: ConfigRepository,
  catalog: StrategyCatalog,
  defaultStrategy: string,
  settings?: StrategySettings,
): ConfigWrite[] {
  const active = config.get<string>(CONFIG_KEYS.activeStrategy) ?? defaultStrategy;
  if (change.kind === 'params') {
    const definition = definitionOf(catalog, change.strategy);
    checkTunable(definition, change.after, true);
    const key = CONFIG_KEYS.strategyParams(change.strategy);
    const stored = config.get<StrategyParams>(key);
    const after = parseWhole(definition, { ...baseParams(definition, settings), ...(stored ?? {}), ...change.after }, settings);
    return [{ key, before: stored, after }];
  }
  if (active !== change.fromStrategy) {
    throw new ConflictError(`the active strategy is ${active}, not ${change.fromStrategy} as when this switch was proposed`, {
      active,
      fromStrategy: change.fromStrategy,
    });
  }
  const target = definitionOf(catalog, change.toStrategy);
  checkTunable(target, change.params, false);
  const paramsKey = CONFIG_KEYS.strategyParams(change.toStrategy);
  return [
    { key: paramsKey, before: config.get(paramsKey), after: parseWhole(target, change.params, settings) },
    { key: CONFIG_KEYS.activeStrategy, before: config.get(CONFIG_KEYS.activeStrategy), after: change.toStrategy },
  ];
}
