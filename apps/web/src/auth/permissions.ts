import type { Role } from '../api/types';

/** What each role may do — mirrors the server's RBAC so the UI hides what would be refused (the server still enforces it). */
export type Action = 'control' | 'scheduler' | 'approve' | 'advisor' | 'manualResume' | 'manageUsers';

const MIN_ROLE: Record<Action, Role> = {
  control: 'operator',
  scheduler: 'operator',
  approve: 'operator',
  advisor: 'operator',
  manualResume: 'admin',
  manageUsers: 'admin',
};

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function can(role: Role | undefined, action: Action): boolean {
  return role !== undefined && RANK[role] >= RANK[MIN_ROLE[action]];
}
