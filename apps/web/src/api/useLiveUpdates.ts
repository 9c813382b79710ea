import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { readToken } from '../auth/tokenStore';
import { notifyUnauthorized } from './client';
import type { LiveUpdate } from './types';

/** Which cached resources each kind of live update makes stale. */
const STALE: Record<LiveUpdate['kind'], readonly string[]> = {
  state: ['status', 'events'],
  scheduler: ['status', 'events'],
  cycle: ['status', 'equity', 'metrics', 'candles', 'strategy', 'positions', 'events'],
  order: ['orders'],
  fill: ['fills', 'positions', 'candles'],
  approval: ['approvals', 'strategy', 'config'],
  event: ['events', 'events-verify'],
  equity: ['equity', 'metrics'],
};

export type StreamStatus = 'connecting' | 'live' | 'offline';

/**
 * Subscribes to /api/stream and invalidates the react-query caches each update touches, so pages
 * refetch only what changed. EventSource cannot send headers, hence the token in the query string.
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
      for (const prefix of STALE[update.kind] ?? []) void client.invalidateQueries({ queryKey: [prefix] });
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
