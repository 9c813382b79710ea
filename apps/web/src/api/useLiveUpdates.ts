import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { readToken } from '../auth/tokenStore';
import { notifyUnauthorized } from './client';
import { isStale, STALE } from './staleQueries';
import type { LiveUpdate } from './types';

export type StreamStatus = 'connecting' | 'live' | 'offline';

/**
 * Subscribes to /api/stream and invalidates the react-query caches each update touches (isStale),
 * so pages refetch only what changed. EventSource cannot send headers, hence the token in the query string.
 */
export function useLiveUpdates(): StreamStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    const token = readToken();
    const source = new EventSource(token ? `/api/stream?token=${encodeURIComponent(token)}` : '/api/stream');
    const handle = (e: MessageEvent<string>) => {
      let update: LiveUpdate;
      try {
        update = JSON.parse(e.data) as LiveUpdate;
      } catch {
        return;
      }
      void client.invalidateQueries({ predicate: (query) => isStale(update, query.queryKey) });
    };
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.onmessage = handle;
    // The server names each event by its kind (`event: cycle`); listen to each kind as well as the default.
    for (const kind of Object.keys(STALE)) source.addEventListener(kind, handle as EventListener);
    // The server ends the stream with `logout` when the token expires or is revoked.
    source.addEventListener('logout', () => {
      source.close();
      notifyUnauthorized();
    });
    return () => source.close();
  }, [client]);
  return status;
}
