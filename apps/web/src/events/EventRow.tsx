import type { AuditEvent } from '../api/types';
import { dateTime } from '../format';

/** One audit event; its inputs open on demand because they can be large. */
export function EventRow({ event }: { event: AuditEvent }) {
  const hasInputs =
    event.inputs !== null &&
    event.inputs !== undefined &&
    !(typeof event.inputs === 'object' && Object.keys(event.inputs as object).length === 0);
  return (
    <tr>
      <td className="small nowrap">{dateTime(event.time)}</td>
      <td>
        <code>{event.type}</code>
      </td>
      <td className="small">{event.actor}</td>
      <td className="small">{event.reason}</td>
      <td className="small">{event.outcome}</td>
      <td className="small">
        {hasInputs ? (
          <details>
            <summary>inputs</summary>
            <pre>{JSON.stringify(event.inputs, null, 2)}</pre>
          </details>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
