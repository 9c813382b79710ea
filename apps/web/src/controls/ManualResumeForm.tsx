import { type FormEvent, useState } from 'react';
import { describeResult } from './describeResult';
import { useAction } from './useAction';

type Outcome = { ok: true; text: string } | { ok: false; error: unknown };

/** Admin-only exit from EMERGENCY_STOP; the reason is required because it goes into the audit log. */
export function ManualResumeForm({ onDone }: { onDone: (o: Outcome) => void }) {
  const [reason, setReason] = useState('');
  const resume = useAction('/api/system/manual-resume');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resume.mutate(
      { reason: reason.trim() },
      {
        onSuccess: (data) => {
          setReason('');
          onDone({ ok: true, text: describeResult('Manual resume', data) });
        },
        onError: (error) => onDone({ ok: false, error }),
      },
    );
  };
  return (
    <form className="manual-resume" onSubmit={submit} aria-label="Manual resume">
      <label>
        Manual resume — reason (required, audited)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} rows={2} />
      </label>
      <button type="submit" className="primary" disabled={resume.isPending || reason.trim().length === 0}>
        Manual resume
      </button>
    </form>
  );
}
