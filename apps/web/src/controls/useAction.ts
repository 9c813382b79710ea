import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

/** A POST to a control endpoint that refreshes status and the audit log afterwards, whatever the outcome. */
export function useAction<T = unknown>(path: string, stale: readonly string[] = ['status', 'events']) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: object = {}) => api.post<T>(path, body),
    onSettled: () => {
      for (const prefix of stale) void client.invalidateQueries({ queryKey: [prefix] });
    },
  });
}
