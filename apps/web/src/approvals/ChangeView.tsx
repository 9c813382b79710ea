import type { ProposalChange } from '../api/types';

/** The proposed change as before → after, one row per parameter that differs. */
export function ChangeView({ change }: { change: ProposalChange }) {
  if (change.kind === 'strategy') {
    return (
      <table className="table compact change">
        <tbody>
          <tr>
            <td>strategy</td>
            <td className="before">{change.fromStrategy}</td>
            <td>→</td>
            <td className="after">{change.toStrategy}</td>
          </tr>
          {Object.entries(change.params).map(([k, v]) => (
            <tr key={k}>
              <td>
                <code>{k}</code>
              </td>
              <td />
              <td />
              <td className="after">{String(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const keys = [...new Set([...Object.keys(change.before), ...Object.keys(change.after)])];
  return (
    <table className="table compact change">
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <td>
              <code>{k}</code>
            </td>
            <td className="before num">{String(change.before[k] ?? '—')}</td>
            <td>→</td>
            <td className="after num">{String(change.after[k] ?? '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
