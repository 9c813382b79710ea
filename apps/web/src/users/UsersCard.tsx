import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { keys, useUsers } from '../api/queries';
import type { Role, UserView } from '../api/types';
import { useCan, useSession } from '../auth/SessionContext';
import { EmptyRow } from '../components/EmptyRow';
import { ErrorBox } from '../components/ErrorBox';
import { dateTime } from '../format';

const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

/**
 * Admins manage the API's accounts here (the same rules as `warden users`: a role or password change
 * revokes that user's tokens, and the only admin can be neither removed nor demoted). Hidden from
 * other roles, whom the server would refuse anyway.
 */
export function UsersCard() {
  const allowed = useCan('manageUsers');
  const { me, authEnabled } = useSession();
  const users = useUsers(allowed);
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.users });
    void client.invalidateQueries({ queryKey: ['events'] });
  };
  const add = useMutation({
    mutationFn: () => api.post<UserView>('/api/users', { username: username.trim(), role, password }),
    onSuccess: () => {
      setUsername('');
      setPassword('');
      refresh();
    },
  });
  const change = useMutation({
    mutationFn: (v: { username: string; role: Role }) =>
      api.patch<UserView>(`/api/users/${encodeURIComponent(v.username)}`, { role: v.role }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (name: string) => api.delete<{ ok: true }>(`/api/users/${encodeURIComponent(name)}`),
    onSettled: refresh,
  });
  if (!allowed) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const rows = users.data?.items ?? [];
  return (
    <section className="card" aria-label="Users">
      <header className="card-head">
        <h2>Users</h2>
        <span className="muted small">
          {authEnabled ? 'a role or password change signs that user out' : 'accounts take effect when AUTH_ENABLED=true'}
        </span>
      </header>
      <ErrorBox error={users.error ?? add.error ?? change.error ?? remove.error} />
      <div className="table-wrap">
        <table className="table compact" data-testid="users-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Created</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.username} data-username={u.username}>
                <td>
                  {u.username}
                  {u.username === me.username ? <span className="muted small"> (you)</span> : null}
                </td>
                <td>
                  <select
                    aria-label={`Role of ${u.username}`}
                    value={u.role}
                    disabled={change.isPending}
                    onChange={(e) => change.mutate({ username: u.username, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="small nowrap">{dateTime(u.createdAt)}</td>
                <td className="small nowrap">{dateTime(u.updatedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={remove.isPending}
                    aria-label={`Remove ${u.username}`}
                    onClick={() => {
                      if (window.confirm(`Remove user ${u.username}? Their tokens stop working at once.`)) remove.mutate(u.username);
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
            {rows.length === 0 && !users.isLoading ? <EmptyRow columns={5}>No users yet.</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      <form className="decide" onSubmit={submit} aria-label="Add a user">
        <input aria-label="New user name" placeholder="user name" value={username} onChange={(e) => setUsername(e.target.value)} />
        <select aria-label="New user role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <input
          aria-label="New user password"
          type="password"
          placeholder="password (8+ characters)"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={add.isPending || !username.trim() || !password}>
          Add user
        </button>
      </form>
    </section>
  );
}
