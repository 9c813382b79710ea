import { createContext, useContext } from 'react';
import type { Me } from '../api/types';
import { type Action, can } from './permissions';

export interface Session {
  readonly me: Me;
  readonly authEnabled: boolean;
  readonly logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

export function useCan(action: Action): boolean {
  return can(useSession().me.role, action);
}
