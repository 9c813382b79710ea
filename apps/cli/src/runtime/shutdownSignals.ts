/** The part of pino's logger shutdown uses. */
export interface ShutdownLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ShutdownOptions {
  /** Graceful stop: finish the cycle in flight, close the API and the database. */
  readonly stop: (reason: string) => Promise<void>;
  readonly log: ShutdownLogger;
  readonly exit: (code: number) => void;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  /** Runs `fn` after `ms` without keeping the process alive. */
  readonly after: (ms: number, fn: () => void) => void;
  /** A repeat within this window is the same request, not a second one (ms). */
  readonly repeatWindowMs?: number;
  /** A graceful stop that takes longer than this is abandoned and the process exits 1 (ms). */
  readonly deadlineMs?: number;
}

/**
 * Ctrl-C under `npm start` reaches Warden twice within a millisecond: the terminal signals the
 * whole foreground process group and npm forwards the signal it got as well. A person pressing
 * Ctrl-C again takes far longer than this.
 */
export const SIGNAL_REPEAT_WINDOW_MS = 1_000;
/** Under the 10 s most supervisors wait before SIGKILL (systemd's default is 90 s, Docker's 10 s). */
export const STOP_DEADLINE_MS = 9_000;

/** Exit code after a second signal: 128 + SIGINT, as shells report an interrupted program. */
export const EXIT_INTERRUPTED = 130;

/**
 * What SIGINT and SIGTERM do to `warden start`: the first one stops gracefully (the cycle in
 * flight finishes, then the API, Telegram and the database close) and exits 0; a second one exits
 * at once (130); a graceful stop still running after `deadlineMs` exits 1. Returns the handler
 * to give `process.on` for each signal.
 */
export function shutdownOnSignals(o: ShutdownOptions): (signal: NodeJS.Signals) => void {
  const repeatWindowMs = o.repeatWindowMs ?? SIGNAL_REPEAT_WINDOW_MS;
  const deadlineMs = o.deadlineMs ?? STOP_DEADLINE_MS;
  let firstAt: number | null = null;
  return (signal) => {
    const now = o.now();
    if (firstAt === null) {
      firstAt = now;
      o.log.info(`received ${signal}: stopping after the cycle in flight (send it again to stop at once)`);
      o.after(deadlineMs, () => {
        o.log.warn(`still stopping after ${Math.round(deadlineMs / 1000)} s: exiting now`);
        o.exit(1);
      });
      o.stop(`received ${signal}`).then(
        () => o.exit(0),
        (error: unknown) => {
          o.log.error({ err: error }, 'stopping failed');
          o.exit(1);
        },
      );
      return;
    }
    if (now - firstAt < repeatWindowMs) return;
    o.log.warn(`received ${signal} again: exiting now, without waiting for the cycle in flight`);
    o.exit(EXIT_INTERRUPTED);
  };
}
