import { useState } from 'react';
import { describeResult } from './describeResult';
import { useAction } from './useAction';

type Outcome = { ok: true; text: string } | { ok: false; error: unknown };

/** Emergency stop asks for confirmation first: it cancels every open order and only an admin can undo it. */
export function EmergencyStopButton({ disabled, onDone }: { disabled: boolean; onDone: (o: Outcome) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const stop = useAction('/api/system/emergency-stop', ['status', 'events', 'orders']);
  if (!confirming) {
    return (
      <button type="button" className="danger" disabled={disabled} onClick={() => setConfirming(true)}>
        ■ Emergency stop
      </button>
    );
  }
  return (
    <div className="confirm" role="dialog" aria-label="Confirm emergency stop">
      <p>
        <strong>Stop all trading and cancel open orders?</strong> Only an admin can resume afterwards.
      </p>
      <input
        placeholder="reason (optional)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label="Emergency stop reason"
      />
      <div className="button-row">
        <button
          type="button"
          className="danger"
          disabled={stop.isPending}
          onClick={() =>
            stop.mutate(reason ? { reason } : {}, {
              onSuccess: (data) => onDone({ ok: true, text: describeResult('Emergency stop', data) }),
              onError: (error) => onDone({ ok: false, error }),
              onSettled: () => setConfirming(false),
            })
          }
        >
          Confirm emergency stop
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
