import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PEAK_RSS_HOOK = fileURLToPath(new URL('./reportPeakRss.mjs', import.meta.url));

export interface ProcessRun {
  /** Wall time from spawn to exit (ms). */
  readonly wallMs: number;
  /** Peak resident memory (MiB). */
  readonly peakRssMb: number;
  /** CPU time, user + system, of the process itself (ms): what other load on the machine does not inflate. */
  readonly cpuMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a Node script as its own process, as a user would, and measures it whole: wall time from
 * spawn to exit and peak resident memory. Throws with its output when it exits non-zero.
 */
export async function timeNodeProcess(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<ProcessRun> {
  const rssFile = join(tmpdir(), `warden-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, WARDEN_BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${PEAK_RSS_HOOK}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr, code } = await collect(child);
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}:\n${stderr || stdout}`);
  const usage = existsSync(rssFile) ? (JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuMs: number }) : null;
  rmSync(rssFile, { force: true });
  return { wallMs, peakRssMb: usage ? usage.maxRssKb / 1024 : Number.NaN, cpuMs: usage?.cpuMs ?? Number.NaN, stdout, stderr };
}

function collect(child: ChildProcess): Promise<{ stdout: string; stderr: string; code: number | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, stderr, code }));
  });
}

/** Resident memory of a running process (MiB), from /proc (Linux). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return Number(kb) / 1024;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
