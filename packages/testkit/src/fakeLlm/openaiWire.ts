import type { RecordedRequest, WireFormat } from './types.js';

/** OpenAI: the Responses API (`openai(id)`) and Chat Completions (`openai.chat(id)`). */
export const openaiWire: WireFormat = {
  handles: (method, path) => method === 'POST' && (path === '/v1/responses' || path === '/v1/chat/completions'),
  success(request: RecordedRequest, text: string) {
    const model = (request.body as { model?: string }).model ?? 'fake';
    if (request.path === '/v1/chat/completions') {
      return {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      };
    }
    return {
      id: 'resp_fake',
      object: 'response',
      created_at: 1,
      model,
      status: 'completed',
      output: [
        { type: 'message', role: 'assistant', id: 'msg_1', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] },
      ],
      usage: {
        input_tokens: 10,
        output_tokens: 10,
        total_tokens: 20,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens_details: { reasoning_tokens: 0 },
      },
    };
  },
  error: (status, message) => ({
    error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null },
  }),
  baseUrl: (origin) => `${origin}/v1`,
};
