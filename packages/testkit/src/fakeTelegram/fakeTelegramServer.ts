import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allocateMessageId, callbackQuery, FAKE_BOT, type FakeSender, textMessage } from './updates.js';

/** A sendMessage call as the bot made it, plus the message id the fake assigned. */
export interface SentMessage {
  readonly message_id: number;
  readonly chat_id: number;
  readonly text: string;
  readonly disable_notification: boolean;
  readonly reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
}

export interface RecordedCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export type Fault =
  | { readonly code: 429; readonly retryAfter: number }
  | { readonly code: 500 | 502 | 400 | 403; readonly description?: string };

/** How long `waitFor` waits by default (ms): a deadline for a hang, not a speed expectation. */
export const WAIT_FOR_DEADLINE_MS = 25_000;

interface Waiter {
  readonly offset: number;
  readonly respond: (updates: unknown[]) => void;
}

/**
 * A fake Telegram Bot API on 127.0.0.1: `POST /bot<token>/<method>` with JSON (or form) bodies,
 * answered with Telegram's `{ok, result}` / `{ok:false, error_code, description, parameters}`
 * envelopes. Tests push updates in, read what the bot sent, and inject faults per method.
 */
export class FakeTelegramServer {
  readonly token: string;
  readonly sent: SentMessage[] = [];
  readonly calls: RecordedCall[] = [];
  webhook: { url: string; secret_token?: string } | null = null;
  private server: Server | null = null;
  private updates: Array<{ update_id: number } & Record<string, unknown>> = [];
  private nextUpdateId = 1;
  private waiters: Waiter[] = [];
  private faults = new Map<string, Fault[]>();
  private listeners: Array<() => void> = [];
  /** Long polls are held at most this long, whatever timeout the bot asks for, so tests stop fast. */
  private readonly maxPollMs: number;

  constructor(options: { token?: string; maxPollMs?: number } = {}) {
    this.token = options.token ?? '123456:TEST-token';
    this.maxPollMs = options.maxPollMs ?? 250;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) w.respond([]);
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` calls of `method` fail with `fault`. */
  failNext(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  /**
   * A user in `chatId` sends `text` (a command when it starts with "/"). In a group chat (negative
   * id) `from` says which member; without it the sender's id is the chat id's absolute value.
   */
  sendText(chatId: number, text: string, from?: FakeSender): void {
    this.pushUpdate({ message: textMessage(chatId, text, this.unixNow(), from) });
  }

  /** A user in `chatId` (the member `from`, in a group) presses an inline button carrying `data` under the bot message `messageId`. */
  pressButton(chatId: number, data: string, messageId: number, from?: FakeSender): void {
    const original = this.sent.find((m) => m.message_id === messageId);
    this.pushUpdate({
      callback_query: callbackQuery(chatId, data, { message_id: messageId, text: original?.text ?? '' }, this.unixNow(), from),
    });
  }

  messagesTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves once `predicate` holds after some call reached the server; rejects after `timeoutMs`.
   * The default deadline only turns a hang into a clear message: it is far longer than anything takes
   * even on a loaded machine (a short one fails tests on a busy machine), and shorter than vitest's
   * test timeout so that this message, not a bare timeout, is what a hang reports.
   */
  waitFor(predicate: () => boolean, timeoutMs = WAIT_FOR_DEADLINE_MS): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`fake Telegram: condition not met within ${timeoutMs} ms (${this.sent.length} messages sent)`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve();
      };
      this.listeners.push(check);
    });
  }

  private unixNow(): number {
    return Math.floor(Date.now() / 1000);
  }

  private pushUpdate(body: Record<string, unknown>): void {
    this.updates.push({ update_id: this.nextUpdateId++, ...body });
    for (const w of this.waiters.splice(0)) w.respond(this.pending(w.offset));
  }

  private pending(offset: number): unknown[] {
    return this.updates.filter((u) => u.update_id >= offset);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    const params = await readParams(req);
    if (!match || match[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] ?? '';
    this.calls.push({ method, params });
    this.notifyListeners();
    const fault = this.faults.get(method)?.shift();
    if (fault) {
      if (fault.code === 429) {
        return reply(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${fault.retryAfter}`,
          parameters: { retry_after: fault.retryAfter },
        });
      }
      return reply(res, fault.code, {
        ok: false,
        error_code: fault.code,
        description: fault.description ?? (fault.code >= 500 ? 'Internal Server Error' : 'Bad Request'),
      });
    }
    if (method === 'getUpdates') return this.getUpdates(params, res);
    const result = this.answer(method, params);
    reply(
      res,
      result === undefined ? 404 : 200,
      result === undefined ? { ok: false, error_code: 404, description: 'Not Found: method not found' } : { ok: true, result },
    );
    this.notifyListeners();
  }

  private notifyListeners(): void {
    for (const l of [...this.listeners]) l();
  }

  private answer(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'sendMessage': {
        const message: SentMessage = {
          message_id: allocateMessageId(),
          chat_id: Number(params.chat_id),
          text: String(params.text ?? ''),
          disable_notification: params.disable_notification === true,
          ...(params.reply_markup ? { reply_markup: params.reply_markup as SentMessage['reply_markup'] } : {}),
        };
        this.sent.push(message);
        return {
          message_id: message.message_id,
          date: this.unixNow(),
          chat: { id: message.chat_id, type: 'private' },
          from: FAKE_BOT,
          text: message.text,
        };
      }
      case 'editMessageText':
        return {
          message_id: Number(params.message_id),
          date: this.unixNow(),
          chat: { id: Number(params.chat_id), type: 'private' },
          text: String(params.text ?? ''),
        };
      case 'answerCallbackQuery':
      case 'deleteWebhook':
      case 'setMyCommands':
        if (method === 'deleteWebhook') this.webhook = null;
        return true;
      case 'setWebhook':
        this.webhook = { url: String(params.url), ...(params.secret_token ? { secret_token: String(params.secret_token) } : {}) };
        return true;
      default:
        return undefined;
    }
  }

  private getUpdates(params: Record<string, unknown>, res: ServerResponse): void {
    const offset = Number(params.offset ?? 0);
    // Telegram confirms updates below `offset`: they are never delivered again.
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    const ready = this.pending(offset);
    const timeoutMs = Math.min(Number(params.timeout ?? 0) * 1000, this.maxPollMs);
    if (ready.length > 0 || timeoutMs <= 0) {
      reply(res, 200, { ok: true, result: ready });
      return;
    }
    let done = false;
    const respond = (updates: unknown[]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      if (!res.writableEnded && !res.destroyed) reply(res, 200, { ok: true, result: updates });
    };
    const waiter: Waiter = { offset, respond };
    const timer = setTimeout(() => respond([]), timeoutMs);
    this.waiters.push(waiter);
    // grammy aborts its long poll on stop(): forget the waiter instead of answering a closed socket.
    res.on('close', () => {
      if (!res.writableEnded) respond([]);
    });
  }
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  return {};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
