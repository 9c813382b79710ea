import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { LiveUpdate } from '@warden/core/app/liveUpdates';

/** Server-Sent Events framing: one `event:` line naming the kind, one `data:` line of JSON, a blank line. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseUpdate(update: LiveUpdate): string {
  return sseEvent(update.kind, update);
}

/** A comment line: ignored by EventSource, but keeps proxies and idle timeouts from closing the stream. */
export const SSE_KEEP_ALIVE = ': keep-alive\n\n';

/** The stream's own headers: nothing may be cached or buffered (`x-accel-buffering` tells nginx). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store, no-transform',
  'x-accel-buffering': 'no',
} as const;

/** Starts the stream: status 200, `headers` (those set on the reply before it was hijacked) with the stream's own. */
export function openSse(
  raw: ServerResponse,
  headers: Readonly<Record<string, string | number | readonly string[] | undefined>> = {},
): void {
  raw.writeHead(200, { ...(headers as OutgoingHttpHeaders), ...SSE_HEADERS, connection: 'keep-alive' });
  // Reconnect after 3 s when the connection drops (EventSource does this by itself).
  raw.write('retry: 3000\n\n');
}
