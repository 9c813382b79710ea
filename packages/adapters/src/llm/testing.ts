import type { FakeLlmProvider } from '@warden/testkit/fakeLlm/index';
import type { LlmConfig } from './llmConfig.js';

/** Canary keys: unique strings that tests search for everywhere they must not appear. */
export const CANARY_KEYS = {
  openai: 'sk-canary-openai-7f3a9c1e5b2d4f60',
  anthropic: 'sk-ant-canary-anthropic-0c8e2a4b6d',
  gemini: 'canary-gemini-key-91b7d3f5a2c4e6f8',
} as const;

export const KEY_HEADER: Record<Exclude<FakeLlmProvider, 'ollama'>, { header: string; value: (key: string) => string }> = {
  openai: { header: 'authorization', value: (k) => `Bearer ${k}` },
  anthropic: { header: 'x-api-key', value: (k) => k },
  gemini: { header: 'x-goog-api-key', value: (k) => k },
};

export function llmConfigFor(provider: FakeLlmProvider, baseUrl: string, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    AI_PROVIDER: provider,
    AI_MODEL: undefined,
    AI_BASE_URL: baseUrl,
    OPENAI_API_KEY: CANARY_KEYS.openai,
    ANTHROPIC_API_KEY: CANARY_KEYS.anthropic,
    GEMINI_API_KEY: CANARY_KEYS.gemini,
    GOOGLE_GENERATIVE_AI_API_KEY: undefined,
    // A deadline for a hang, not a speed limit: the fakes answer at once, even on a loaded machine.
    // Tests of the timeout pass a short one with a provider that never answers.
    AI_TIMEOUT_SECONDS: 20,
    AI_MAX_OUTPUT_TOKENS: 600,
    ...overrides,
  };
}

export const PROVIDERS: readonly FakeLlmProvider[] = ['openai', 'anthropic', 'gemini', 'ollama'];
