import { useState } from 'react';
import { useStatus } from '../api/queries';
import { useCan, useSession } from '../auth/SessionContext';
import { ErrorBox } from '../components/ErrorBox';
import { describeResult } from './describeResult';
import { EmergencyStopButton } from './EmergencyStopButton';
import { ManualResumeForm } from './ManualResumeForm';
import { useAction } from './useAction';

interface Outcome {
  readonly ok: boolean;
  readonly text?: string;
  readonly error?: unknown;
}

/** The operator's buttons. Each shows what the API answered — the new state, or its error. */
export function ControlsPanel() {
  const status = useStatus().data;
  const { me } = useSession();
  const canControl = useCan('control');
  const canScheduler = useCan('scheduler');
  const canAdvisor = useCan('advisor');
  const canManualResume = useCan('manualResume');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const pause = useAction('/api/system/pause');
  const resume = useAction('/api/system/resume');
  const start = useAction('/api/scheduler/start');
  const stop = useAction('/api/scheduler/stop');
  const advisor = useAction('/api/advisor/run', ['approvals', 'events']);

  const run = (label: string, action: ReturnType<typeof useAction>, body: object = {}) =>
    action.mutate(body, {
      onSuccess: (data) => setOutcome({ ok: true, text: describeResult(label, data) }),
      onError: (error) => setOutcome({ ok: false, error }),
    });

  const state = status?.state;
  const busy = [pause, resume, start, stop, advisor].some((a) => a.isPending);
  return (
    <section className="card controls" aria-label="Controls">
      <header className="card-head">
        <h2>Controls</h2>
        {!canControl ? <span className="muted small">Read-only: role {me.role} cannot act</span> : null}
      </header>
      <div className="button-row">
        <button type="button" disabled={!canControl || busy || state !== 'RUNNING'} onClick={() => run('Pause', pause)}>
          ❚❚ Pause
        </button>
        <button type="button" disabled={!canControl || busy || state !== 'PAUSED'} onClick={() => run('Resume', resume)}>
          ▶ Resume
        </button>
        <EmergencyStopButton disabled={!canControl || busy} onDone={setOutcome} />
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={!canScheduler || busy || status?.schedulerRunning === true}
          onClick={() => run('Scheduler start', start)}
        >
          Start scheduler
        </button>
        <button
          type="button"
          disabled={!canScheduler || busy || status?.schedulerRunning === false}
          onClick={() => run('Scheduler stop', stop)}
        >
          Stop scheduler
        </button>
        <button type="button" disabled={!canAdvisor || busy} onClick={() => run('Advisor', advisor)}>
          Run advisor
        </button>
      </div>
      {state === 'EMERGENCY_STOP' ? (
        canManualResume ? (
          <ManualResumeForm onDone={setOutcome} />
        ) : (
          <p className="muted small">Leaving emergency stop needs an admin’s manual resume with a reason.</p>
        )
      ) : null}
      <div aria-live="polite" data-testid="action-result">
        {outcome?.ok ? <p className="ok">{outcome.text}</p> : null}
        {outcome && !outcome.ok ? <ErrorBox error={outcome.error} /> : null}
      </div>
    </section>
  );
}
