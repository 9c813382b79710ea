import type { RecordedRequest, WireFormat } from './types.js';

interface AnthropicRequest {
  model?: string;
  tools?: { name?: string }[];
}

function parseObject(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Anthropic Messages API. Models with native structured output get `output_config.format` and
 * answer in a text block; older ones get a forced `json` tool and answer with a tool_use block,
 * as the real API does (non-JSON text then comes back as a plain text block).
 */
export const anthropicWire: WireFormat = {
  handles: (method, path) => method === 'POST' && path === '/v1/messages',
  success(request: RecordedRequest, text: string) {
    const body = request.body as AnthropicRequest;
    const toolInput = body.tools?.some((t) => t.name === 'json') ? parseObject(text) : null;
    const content = toolInput ? [{ type: 'tool_use', id: 'toolu_fake', name: 'json', input: toolInput }] : [{ type: 'text', text }];
    return {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: body.model ?? 'fake',
      content,
      stop_reason: toolInput ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 10 },
    };
  },
  error: (status, message) => ({
    type: 'error',
    error: { type: status === 529 ? 'overloaded_error' : status >= 500 ? 'api_error' : 'invalid_request_error', message },
  }),
  baseUrl: (origin) => `${origin}/v1`,
};
