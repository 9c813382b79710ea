import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once its output contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a long-running Node process and resolves once it printed an http://127.0.0.1:port URL. */
export async function startServer(args: readonly string[], env: Record<string, string>, urlPattern: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const waitFor = (text: string | RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const found = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
      const timer = setTimeout(() => reject(new Error(`no "${String(text)}" within ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs);
      const check = () => {
        if (!found()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
      void exited.then(() => {
        if (!found()) {
          clearTimeout(timer);
          reject(new Error(`exited before "${String(text)}":\n${out.slice(-2000)}`));
        }
      });
      check();
    });
  await waitFor(urlPattern);
  const url = urlPattern.exec(out)?.[1] as string;
  return {
    child,
    url,
    output: () => out,
    waitFor,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
