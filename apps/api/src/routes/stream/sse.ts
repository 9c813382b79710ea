import type { ServerResponse } from 'node:http';
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

export function openSse(raw: ServerResponse): void {
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // Reconnect after 3 s when the connection drops (EventSource does this by itself).
  raw.write('retry: 3000\n\n');
}
