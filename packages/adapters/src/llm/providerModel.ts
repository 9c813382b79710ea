import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { apiKeyFor, DEFAULT_MODELS, type LlmConfig, ollamaBaseUrl } from './llmConfig.js';

export interface ProviderModel {
  readonly model: LanguageModel;
  readonly modelId: string;
}

/**
 * The AI SDK model for AI_PROVIDER. Keys are passed explicitly (never read from process.env by
 * the SDK) so the configuration validated at start is the only source; the SDK puts them only in
 * the provider's auth header.
 */
export function providerModel(config: LlmConfig, fetchImpl?: typeof fetch): ProviderModel {
  const modelId = config.AI_MODEL ?? DEFAULT_MODELS[config.AI_PROVIDER];
  const apiKey = apiKeyFor(config) ?? undefined;
  const baseURL = config.AI_BASE_URL?.replace(/\/+$/, '');
  const common = { ...(baseURL ? { baseURL } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  switch (config.AI_PROVIDER) {
    case 'openai':
      return { model: createOpenAI({ ...common, apiKey })(modelId), modelId };
    case 'anthropic':
      return { model: createAnthropic({ ...common, apiKey })(modelId), modelId };
    case 'gemini':
      return { model: createGoogleGenerativeAI({ ...common, apiKey })(modelId), modelId };
    case 'ollama':
      return { model: createOllama({ ...common, baseURL: ollamaBaseUrl(baseURL) })(modelId), modelId };
  }
}
