import type { AdvisorPrompt, LlmAdvisor } from '@warden/core/advisor/llmAdvisorPort';
import { generateText, type JSONSchema7, jsonSchema, Output } from 'ai';
import type { LlmConfig } from './llmConfig.js';
import { providerModel } from './providerModel.js';
import { translateLlmError } from './translateLlmError.js';

export interface LlmAdvisorOptions {
  /** Replaces global fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
}

/**
 * The advisor's model for AI_PROVIDER=openai|anthropic|gemini|ollama. Structured output: the
 * provider is given the proposals JSON Schema, and the parsed JSON is returned unvalidated so core's
 * filter can drop (and audit) bad keys one by one instead of losing the whole answer. One attempt
 * per run (no SDK retries): the next advisor run is the retry, and the rules cover the gap.
 */
export function createLlmAdvisor(config: LlmConfig, options: LlmAdvisorOptions = {}): LlmAdvisor {
  const { model, modelId } = providerModel(config, options.fetch);
  const timeoutMs = config.AI_TIMEOUT_SECONDS * 1000;
  return {
    source: `llm:${config.AI_PROVIDER}/${modelId}`,
    port: {
      async propose(prompt: AdvisorPrompt, signal: AbortSignal): Promise<unknown> {
        const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
        try {
          const result = await generateText({
            model,
            system: prompt.system,
            prompt: prompt.user,
            output: Output.object({
              schema: jsonSchema<unknown>(prompt.outputSchema as JSONSchema7, { validate: (value) => ({ success: true, value }) }),
              name: prompt.outputName,
            }),
            maxOutputTokens: prompt.maxOutputTokens ?? config.AI_MAX_OUTPUT_TOKENS,
            temperature: 0.2,
            maxRetries: 0,
            abortSignal: deadline,
          });
          return result.output;
        } catch (error) {
          throw translateLlmError(error, timeoutMs, deadline);
        }
      },
    },
  };
}
