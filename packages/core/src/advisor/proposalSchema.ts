import { z } from 'zod';

/**
 * The shape a model is asked to answer in. Deliberately loose (any key, any scalar value): the
 * provider's structured-output mode enforces the shape, while `filterProposals` decides key by key
 * what survives, so one bad key drops that key (audited) rather than the whole answer.
 */
export const proposalChangeWire = z.object({
  key: z.string().describe('a tunable parameter name of the strategy'),
  value: z.union([z.number(), z.string(), z.boolean()]).describe('the new value, within the parameter bounds'),
});

export const proposalWire = z.object({
  kind: z.enum(['params', 'strategy']).describe('params: tune the active strategy; strategy: switch to another strategy'),
  strategy: z.string().describe('params: the active strategy name; strategy: the strategy to switch to'),
  changes: z.array(proposalChangeWire).describe('parameter values to set'),
  reason: z.string().describe('one or two sentences: why, citing the metrics'),
});

export const advisorOutputSchema = z.object({
  proposals: z.array(proposalWire).describe('zero to three proposals; an empty list when nothing should change'),
});

export type ProposalWire = z.infer<typeof proposalWire>;
export type AdvisorOutput = z.infer<typeof advisorOutputSchema>;

/**
 * What the provider is asked for: the same shape, but numeric values only (every tunable parameter
 * is a number), which every provider's structured-output mode supports. The answer is still parsed
 * with the looser schema above, so a model that ignores this gets its bad keys dropped one by one.
 */
const requestedOutputSchema = advisorOutputSchema.extend({
  proposals: z
    .array(
      proposalWire.extend({
        changes: z
          .array(proposalChangeWire.extend({ value: z.number().describe('the new value, within the parameter bounds') }))
          .describe('parameter values to set'),
      }),
    )
    .describe('zero to three proposals; an empty list when nothing should change'),
});

export const ADVISOR_OUTPUT_NAME = 'warden_proposals';
export const ADVISOR_OUTPUT_JSON_SCHEMA: Readonly<Record<string, unknown>> = (() => {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(requestedOutputSchema) as Record<string, unknown>;
  return schema;
})();
