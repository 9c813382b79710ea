import type { LlmAdvisor } from '@warden/core/advisor/llmAdvisorPort';
import type { LlmAdvisorOptions } from './createLlmAdvisor.js';
import { apiKeyFor, DEFAULT_MODELS, type LlmConfig } from './llmConfig.js';

/**
 * The same advisor as `createLlmAdvisor`, with the AI SDK and the provider packages (about 25 MB
 * of memory) imported on the first proposal instead of at start: most runs never reach one
 * before the first advisor interval, and a process with AI_ENABLED=false never does.
 * Configuration errors still surface here, at start: a missing key throws ConfigError naming it.
 */
export function lazyLlmAdvisor(config: LlmConfig, options: LlmAdvisorOptions = {}): LlmAdvisor {
  apiKeyFor(config);
  let loaded: Promise<LlmAdvisor> | null = null;
  const load = () => {
    loaded ??= import('./createLlmAdvisor.js').then((m) => m.createLlmAdvisor(config, options));
    return loaded;
  };
  return {
    source: `llm:${config.AI_PROVIDER}/${config.AI_MODEL ?? DEFAULT_MODELS[config.AI_PROVIDER]}`,
    port: {
      async propose(prompt, signal) {
        return (await load()).port.propose(prompt, signal);
      },
    },
  };
}
