import type { WireFormat } from './types.js';

/** Ollama's native API: POST /api/chat with stream:false and the JSON schema in `format`. */
export const ollamaWire: WireFormat = {
  handles: (method, path) => method === 'POST' && path === '/api/chat',
  success: (request, text) => ({
    model: (request.body as { model?: string }).model ?? 'fake',
    created_at: '2024-01-01T00:00:00Z',
    message: { role: 'assistant', content: text },
    done: true,
    done_reason: 'stop',
    total_duration: 1,
    load_duration: 1,
    prompt_eval_count: 10,
    prompt_eval_duration: 1,
    eval_count: 10,
    eval_duration: 1,
  }),
  error: (_status, message) => ({ error: message }),
  baseUrl: (origin) => `${origin}/api`,
};
