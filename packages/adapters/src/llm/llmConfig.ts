import type { EnvConfig } from '@warden/core/config/schema';
import { ConfigError } from '@warden/core/errors/errors';

export type LlmConfig = Pick<
  EnvConfig,
  | 'AI_PROVIDER'
  | 'AI_MODEL'
  | 'AI_BASE_URL'
  | 'OPENAI_API_KEY'
  | 'ANTHROPIC_API_KEY'
  | 'GEMINI_API_KEY'
  | 'GOOGLE_GENERATIVE_AI_API_KEY'
  | 'AI_TIMEOUT_SECONDS'
  | 'AI_MAX_OUTPUT_TOKENS'
>;

/** Small, cheap models that follow a JSON schema well; AI_MODEL overrides. */
export const DEFAULT_MODELS: Record<LlmConfig['AI_PROVIDER'], string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.5-flash',
  ollama: 'llama3.1',
};

export const OLLAMA_DEFAULT_URL = 'http://127.0.0.1:11434';

/** The provider's key, or null for Ollama. Missing keys fail at start, naming the variable, unless AI_BASE_URL points at a proxy/local server that may not need one. */
export function apiKeyFor(config: LlmConfig): string | null {
  const key =
    config.AI_PROVIDER === 'openai'
      ? { value: config.OPENAI_API_KEY, name: 'OPENAI_API_KEY' }
      : config.AI_PROVIDER === 'anthropic'
        ? { value: config.ANTHROPIC_API_KEY, name: 'ANTHROPIC_API_KEY' }
        : config.AI_PROVIDER === 'gemini'
          ? {
              value: config.GEMINI_API_KEY ?? config.GOOGLE_GENERATIVE_AI_API_KEY,
              name: 'GEMINI_API_KEY (or GOOGLE_GENERATIVE_AI_API_KEY)',
            }
          : null;
  if (!key) return null;
  if (key.value) return key.value;
  if (config.AI_BASE_URL) return '';
  throw new ConfigError([`AI_PROVIDER=${config.AI_PROVIDER} needs ${key.name} (or AI_BASE_URL pointing at a server that needs no key)`]);
}

/** Ollama's address is usually given without its /api path; accept both. */
export function ollamaBaseUrl(baseUrl: string | undefined): string {
  const root = (baseUrl ?? OLLAMA_DEFAULT_URL).replace(/\/+$/, '');
  return root.endsWith('/api') ? root : `${root}/api`;
}
