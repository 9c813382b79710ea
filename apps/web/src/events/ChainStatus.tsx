import { useVerify } from '../api/queries';

/** The audit chain's verification: every event's hash covers the previous one, so an edit breaks it. */
export function ChainStatus() {
  const verify = useVerify();
  const v = verify.data;
  if (verify.error) return <span className="badge warn">chain: cannot verify ({(verify.error as Error).message})</span>;
  if (!v) return <span className="badge">chain: verifying…</span>;
  return v.ok ? (
    <span className="badge ok" data-testid="chain-status" data-ok="true">
      ✔ chain intact · {v.count} events
    </span>
  ) : (
    <span className="badge bad" data-testid="chain-status" data-ok="false">
      ✖ chain broken at event #{v.brokenAtId}: {v.problem}
      {v.brokenCount > 1 ? ` (and ${v.brokenCount - 1} more: warden audit verify lists them)` : ''}
    </span>
  );
}
