export type FakeLlmProvider = 'openai' | 'anthropic' | 'gemini' | 'ollama';

/** What the fake model does with the next request. */
export type FakeReply =
  /** Answer with this text as the model's output (valid JSON, malformed JSON, anything). */
  | { readonly kind: 'text'; readonly text: string }
  /** An HTTP error in the provider's own error format. */
  | { readonly kind: 'http'; readonly status: number; readonly message?: string }
  /** Never answer (the client's timeout must fire). */
  | { readonly kind: 'hang' };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  readonly body: unknown;
}

/** Turns a request plus a reply into the provider's wire response. */
export interface WireFormat {
  /** Paths the provider's SDK calls, e.g. /v1/responses. */
  handles(method: string, path: string): boolean;
  success(request: RecordedRequest, text: string): unknown;
  error(status: number, message: string): unknown;
  /** The baseURL an SDK client should be given for a server at `origin`. */
  baseUrl(origin: string): string;
}
