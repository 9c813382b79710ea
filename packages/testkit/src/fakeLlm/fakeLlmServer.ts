import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicWire } from './anthropicWire.js';
import { geminiWire } from './geminiWire.js';
import { ollamaWire } from './ollamaWire.js';
import { openaiWire } from './openaiWire.js';
import type { FakeLlmProvider, FakeReply, RecordedRequest, WireFormat } from './types.js';

const WIRES: Record<FakeLlmProvider, WireFormat> = { openai: openaiWire, anthropic: anthropicWire, gemini: geminiWire, ollama: ollamaWire };

export interface FakeLlmServer {
  readonly provider: FakeLlmProvider;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** What the provider SDK takes as baseURL (…/v1, …/v1beta, …/api). */
  readonly baseUrl: string;
  /** Every request received, in order (headers lower-cased). */
  readonly requests: RecordedRequest[];
  /** Replies used one per request, before the default. */
  enqueue(...replies: FakeReply[]): void;
  /** The reply used once the queue is empty. */
  setDefault(reply: FakeReply): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A model provider on 127.0.0.1 speaking the provider's real wire format, scripted per test.
 * Requests are recorded so tests can check where the key went and what the prompt contained.
 */
export async function startFakeLlm(
  provider: FakeLlmProvider,
  initial: FakeReply = { kind: 'text', text: '{"proposals":[]}' },
): Promise<FakeLlmServer> {
  const wire = WIRES[provider];
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let fallback = initial;

  const server = createServer(async (req, res) => {
    const rawBody = await readBody(req);
    let body: unknown = null;
    try {
      body = rawBody ? JSON.parse(rawBody) : null;
    } catch {
      body = null;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const request: RecordedRequest = { method: req.method ?? 'GET', path, headers, rawBody, body };
    requests.push(request);
    if (!wire.handles(request.method, path)) return send(res, 404, wire.error(404, `no route for ${request.method} ${path}`));
    const reply = queue.shift() ?? fallback;
    if (reply.kind === 'hang') return; // the socket stays open until the client gives up or close()
    if (reply.kind === 'http') return send(res, reply.status, wire.error(reply.status, reply.message ?? 'fake provider error'));
    send(res, 200, wire.success(request, reply.text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    provider,
    origin,
    baseUrl: wire.baseUrl(origin),
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
