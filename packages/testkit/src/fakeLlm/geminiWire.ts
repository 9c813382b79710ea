import type { WireFormat } from './types.js';

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google Gemini (Generative Language API): POST /v1beta/models/<id>:generateContent. */
export const geminiWire: WireFormat = {
  handles: (method, path) => method === 'POST' && /^\/v1beta\/models\/[^/]+:generateContent$/.test(path),
  success: (request, text) => ({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 10, totalTokenCount: 20 },
    modelVersion: request.path.replace(/^\/v1beta\/models\/([^/:]+).*$/, '$1'),
  }),
  error: (status, message) => ({ error: { code: status, message, status: STATUS[status] ?? 'UNKNOWN' } }),
  baseUrl: (origin) => `${origin}/v1beta`,
};
