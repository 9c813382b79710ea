import type { ProposalChange } from '../domain/approval.js';
import type { ParamValue, StrategyDefinition, StrategyParams, StrategySettings, TunableParam } from '../strategy/types.js';
import { baseParams } from './baseParams.js';
import type { AdvisorContext } from './context.js';
import { looksLikeInstructions } from './instructionText.js';
import { proposalWire } from './proposalSchema.js';
import type { StrategyCatalog } from './strategyCatalog.js';

export type DropReason =
  | 'not_an_object'
  | 'malformed_proposal'
  | 'too_many_proposals'
  | 'instruction_like_text'
  | 'unknown_strategy'
  | 'already_active'
  | 'wrong_strategy'
  | 'forbidden_key'
  | 'unknown_key'
  | 'duplicate_key'
  | 'wrong_type'
  | 'not_integer'
  | 'out_of_range'
  | 'no_change'
  | 'no_valid_changes'
  | 'schema_rejected';

export interface Dropped {
  readonly proposal: number | null;
  readonly reason: DropReason;
  readonly key?: string;
  readonly value?: unknown;
  readonly detail?: string;
}

export interface Candidate {
  readonly change: ProposalChange;
  readonly reason: string;
}

export interface FilterResult {
  readonly accepted: readonly Candidate[];
  readonly dropped: readonly Dropped[];
}

export const MAX_PROPOSALS = 3;
const MAX_REASON = 500;
/** Keys that name safety settings: never tunable by the advisor, labelled separately in the audit. */
const FORBIDDEN_KEY = /(risk|limit|api|key|secret|token|password|mode|role|live|auth|leverage|notional|equity|balance|symbol|state|user)/i;

function cleanReason(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return (cleaned || '(no reason given)').slice(0, MAX_REASON);
}

function checkValue(param: TunableParam, value: unknown): { ok: true; value: number } | { ok: false; reason: DropReason; detail: string } {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return { ok: false, reason: 'wrong_type', detail: `expected a number, got ${typeof value}` };
  if (param.integer && !Number.isInteger(value)) return { ok: false, reason: 'not_integer', detail: 'expected a whole number' };
  if (value < param.min || value > param.max)
    return { ok: false, reason: 'out_of_range', detail: `must be within [${param.min}, ${param.max}]` };
  return { ok: true, value };
}

/** Keeps only tunable keys with in-bound values; the rest are reported as dropped. */
function filterChanges(
  index: number,
  changes: readonly { key: string; value: unknown }[],
  tunable: readonly TunableParam[],
  current: StrategyParams,
  dropped: Dropped[],
): Record<string, ParamValue> {
  const accepted: Record<string, ParamValue> = {};
  for (const { key, value } of changes) {
    const param = tunable.find((p) => p.key === key);
    if (!param) {
      dropped.push({ proposal: index, reason: FORBIDDEN_KEY.test(key) ? 'forbidden_key' : 'unknown_key', key, value });
      continue;
    }
    if (key in accepted) {
      dropped.push({ proposal: index, reason: 'duplicate_key', key, value });
      continue;
    }
    const checked = checkValue(param, value);
    if (!checked.ok) {
      dropped.push({ proposal: index, reason: checked.reason, key, value, detail: checked.detail });
      continue;
    }
    if (current[key] === checked.value) {
      dropped.push({ proposal: index, reason: 'no_change', key, value });
      continue;
    }
    accepted[key] = checked.value;
  }
  return accepted;
}

/** The strategy's schema, and (given the settings) its own refusal, e.g. a grid step below the fee floor. */
function validateWhole(
  definition: StrategyDefinition,
  params: StrategyParams,
  settings?: StrategySettings,
): { ok: true; params: StrategyParams } | { ok: false; detail: string } {
  const parsed = definition.paramsSchema.safeParse(params);
  if (!parsed.success)
    return { ok: false, detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ') };
  if (settings) {
    try {
      definition.create(parsed.data, settings);
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: true, params: parsed.data };
}

/**
 * The gate between a model (or the rules) and the approvals table. Only the active strategy's
 * tunable keys, or a switch to a known strategy with its tunable keys, with values inside their
 * bounds and a parameter set the strategy's own schema accepts, pass. Everything else is dropped
 * with a reason so the audit shows exactly what the model tried.
 */
export function filterProposals(
  raw: unknown,
  context: AdvisorContext,
  catalog: StrategyCatalog,
  settings?: StrategySettings,
): FilterResult {
  const dropped: Dropped[] = [];
  const accepted: Candidate[] = [];
  const list =
    raw !== null && typeof raw === 'object' && Array.isArray((raw as { proposals?: unknown }).proposals)
      ? (raw as { proposals: unknown[] }).proposals
      : null;
  if (!list) return { accepted, dropped: [{ proposal: null, reason: 'not_an_object', detail: 'expected {"proposals": [...]}' }] };

  list.forEach((item, index) => {
    const parsed = proposalWire.safeParse(item);
    if (!parsed.success) {
      dropped.push({
        proposal: index,
        reason: 'malformed_proposal',
        detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    const p = parsed.data;
    if (accepted.length >= MAX_PROPOSALS) {
      dropped.push({ proposal: index, reason: 'too_many_proposals' });
      return;
    }
    if (looksLikeInstructions(p.reason)) {
      dropped.push({ proposal: index, reason: 'instruction_like_text', detail: 'reason', value: p.reason });
      return;
    }
    const reason = cleanReason(p.reason);

    if (p.kind === 'params') {
      if (p.strategy !== context.strategy.name) {
        dropped.push({
          proposal: index,
          reason: 'wrong_strategy',
          value: p.strategy,
          detail: `the active strategy is ${context.strategy.name}`,
        });
        return;
      }
      const definition = catalog.definition(context.strategy.name);
      if (!definition) {
        dropped.push({ proposal: index, reason: 'unknown_strategy', value: p.strategy });
        return;
      }
      const after = filterChanges(index, p.changes, definition.tunable, context.strategy.params, dropped);
      if (Object.keys(after).length === 0) {
        dropped.push({ proposal: index, reason: 'no_valid_changes' });
        return;
      }
      const whole = validateWhole(definition, { ...context.strategy.params, ...after }, settings);
      if (!whole.ok) {
        dropped.push({ proposal: index, reason: 'schema_rejected', value: after, detail: whole.detail });
        return;
      }
      const before: Record<string, ParamValue> = {};
      for (const key of Object.keys(after)) {
        const old = context.strategy.params[key];
        if (old !== undefined) before[key] = old;
      }
      accepted.push({ change: { kind: 'params', strategy: definition.name, before, after }, reason });
      return;
    }

    const target = catalog.names().includes(p.strategy) ? catalog.definition(p.strategy) : null;
    if (!target) {
      dropped.push({ proposal: index, reason: 'unknown_strategy', value: p.strategy });
      return;
    }
    if (target.name === context.strategy.name) {
      dropped.push({ proposal: index, reason: 'already_active', value: p.strategy });
      return;
    }
    const targetBase = baseParams(target, settings);
    const chosen = filterChanges(index, p.changes, target.tunable, targetBase, dropped);
    const whole = validateWhole(target, { ...targetBase, ...chosen }, settings);
    if (!whole.ok) {
      dropped.push({ proposal: index, reason: 'schema_rejected', value: chosen, detail: whole.detail });
      return;
    }
    accepted.push({
      change: { kind: 'strategy', fromStrategy: context.strategy.name, toStrategy: target.name, params: whole.params },
      reason,
    });
  });
  return { accepted, dropped };
}
