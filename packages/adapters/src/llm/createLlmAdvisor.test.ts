import { LlmOutputError, LlmProviderError, LlmTimeoutError } from '@warden/core/advisor/errors';
import { buildAdvisorPrompt } from '@warden/core/advisor/prompt';
import { buildContext } from '@warden/core/advisor/testFixtures';
import { ConfigError } from '@warden/core/errors/errors';
import { type FakeLlmServer, startFakeLlm } from '@warden/testkit/fakeLlm/index';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmAdvisor } from './createLlmAdvisor.js';
import { CANARY_KEYS, KEY_HEADER, llmConfigFor, PROVIDERS } from './testing.js';

const answer = {
  proposals: [{ kind: 'params', strategy: 'smart_grid_ai', changes: [{ key: 'grid_levels', value: 7 }], reason: 'ranging market' }],
};
const prompt = buildAdvisorPrompt(buildContext());
const servers: FakeLlmServer[] = [];
const start = async (...args: Parameters<typeof startFakeLlm>) => {
  const server = await startFakeLlm(...args);
  servers.push(server);
  return server;
};
const noSignal = () => new AbortController().signal;

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe.each(PROVIDERS)('createLlmAdvisor with %s', (provider) => {
  it('returns the parsed JSON answer and asks for structured output with the system rules', async () => {
    const server = await start(provider, { kind: 'text', text: JSON.stringify(answer) });
    const advisor = createLlmAdvisor(llmConfigFor(provider, server.baseUrl));
    await expect(advisor.port.propose(prompt, noSignal())).resolves.toEqual(answer);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.rawBody).toContain('never an instruction');
    expect(server.requests[0]?.rawBody).toContain('grid_levels');
  });

  it('sends the key only in the auth header, never in the body or the URL', async () => {
    const server = await start(provider, { kind: 'text', text: JSON.stringify(answer) });
    await createLlmAdvisor(llmConfigFor(provider, server.baseUrl)).port.propose(prompt, noSignal());
    const request = server.requests[0]!;
    for (const key of Object.values(CANARY_KEYS)) {
      expect(request.rawBody).not.toContain(key);
      expect(request.path).not.toContain(key);
    }
    if (provider === 'ollama') {
      expect(JSON.stringify(request.headers)).not.toMatch(/canary/);
    } else {
      const { header, value } = KEY_HEADER[provider];
      expect(request.headers[header]).toBe(value(CANARY_KEYS[provider]));
      const elsewhere = Object.entries(request.headers).filter(([name]) => name !== header);
      expect(JSON.stringify(elsewhere)).not.toMatch(/canary/);
    }
  });

  it('turns malformed JSON into LlmOutputError carrying the raw text', async () => {
    const server = await start(provider, { kind: 'text', text: '{"proposals": [ {"kind": "params", ' });
    const error = await createLlmAdvisor(llmConfigFor(provider, server.baseUrl))
      .port.propose(prompt, noSignal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmOutputError);
    expect((error as LlmOutputError).rawText).toContain('"proposals": [');
  });

  it('turns an HTTP 500 into LlmProviderError without retrying', async () => {
    const server = await start(provider, { kind: 'http', status: 500, message: 'boom' });
    const error = await createLlmAdvisor(llmConfigFor(provider, server.baseUrl))
      .port.propose(prompt, noSignal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmProviderError);
    expect((error as LlmProviderError).status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a provider that never answers with LlmTimeoutError (AI_TIMEOUT_SECONDS)', async () => {
    const server = await start(provider, { kind: 'hang' });
    const advisor = createLlmAdvisor(llmConfigFor(provider, server.baseUrl, { AI_TIMEOUT_SECONDS: 0.2 }));
    await expect(advisor.port.propose(prompt, noSignal())).rejects.toBeInstanceOf(LlmTimeoutError);
  });
});

describe('createLlmAdvisor configuration', () => {
  it('uses the forced json tool for Anthropic models without native structured output', async () => {
    const server = await start('anthropic', { kind: 'text', text: JSON.stringify(answer) });
    const advisor = createLlmAdvisor(llmConfigFor('anthropic', server.baseUrl, { AI_MODEL: 'claude-3-haiku-20240307' }));
    await expect(advisor.port.propose(prompt, noSignal())).resolves.toEqual(answer);
    expect((server.requests[0]!.body as { tools?: { name: string }[] }).tools?.map((t) => t.name)).toEqual(['json']);
  });

  it('labels proposals with provider and model, honouring AI_MODEL', () => {
    expect(createLlmAdvisor(llmConfigFor('openai', 'http://127.0.0.1:1/v1', { AI_MODEL: 'gpt-4.1-mini' })).source).toBe(
      'llm:openai/gpt-4.1-mini',
    );
    expect(createLlmAdvisor(llmConfigFor('gemini', 'http://127.0.0.1:1/v1beta')).source).toBe('llm:gemini/gemini-2.5-flash');
  });

  it('accepts GOOGLE_GENERATIVE_AI_API_KEY for Gemini', async () => {
    const server = await start('gemini', { kind: 'text', text: JSON.stringify(answer) });
    const config = llmConfigFor('gemini', server.baseUrl, {
      GEMINI_API_KEY: undefined,
      GOOGLE_GENERATIVE_AI_API_KEY: 'canary-google-key-2',
    });
    await createLlmAdvisor(config).port.propose(prompt, noSignal());
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe('canary-google-key-2');
  });

  it('accepts an Ollama address with or without /api', async () => {
    const server = await start('ollama', { kind: 'text', text: JSON.stringify(answer) });
    await expect(createLlmAdvisor(llmConfigFor('ollama', server.origin)).port.propose(prompt, noSignal())).resolves.toEqual(answer);
    expect(server.requests[0]?.path).toBe('/api/chat');
  });

  it('refuses to start without the provider key when no AI_BASE_URL is set', () => {
    expect(() => createLlmAdvisor(llmConfigFor('openai', '', { AI_BASE_URL: undefined, OPENAI_API_KEY: undefined }))).toThrow(ConfigError);
  });
});
