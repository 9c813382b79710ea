import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { PairTransitionResult } from '../api/types';

export type PairCommand = 'pause' | 'resume';

/**
 * Pauses or resumes one pair (POST /api/pairs/pause|resume, operator; audited by the server), then
 * refreshes what shows a pair's state: the status (selector, banner), the portfolio and the audit log.
 */
export function usePairAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ symbol, command }: { symbol: string; command: PairCommand }) =>
      api.post<PairTransitionResult>(`/api/pairs/${command}`, { symbol }),
    onSettled: () => {
      for (const prefix of ['status', 'portfolio', 'events']) void client.invalidateQueries({ queryKey: [prefix] });
    },
  });
}
