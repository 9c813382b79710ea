import autocannon from 'autocannon';
import { type ApiServer, processCpuMs } from './apiServers.js';

export const CONNECTIONS = 20;
export const WARM_UP_SECONDS = 2;

/** One route of one server under load. */
export interface ApiTarget {
  readonly server: ApiServer;
  readonly path: string;
}

export interface ApiSample {
  readonly rps: number;
  /** autocannon's p99 latency, ms (whole milliseconds). */
  readonly p99: number;
  /** The server process's CPU time (user + system) per request answered, µs: steadier than req/s on a busy machine. */
  readonly cpuUs: number;
}

async function load(target: ApiTarget, seconds: number): Promise<ApiSample> {
  const { server, path } = target;
  const options = {
    url: server.url + path,
    connections: CONNECTIONS,
    ...(server.token ? { headers: { authorization: `Bearer ${server.token}` } } : {}),
  };
  const pid = server.process.child.pid as number;
  const cpuBefore = processCpuMs(pid);
  const result = await autocannon({ ...options, duration: seconds });
  const cpuMs = processCpuMs(pid) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${path}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rps: result.requests.average, p99: result.latency.p99, cpuUs: (cpuMs * 1000) / result.requests.total };
}

/**
 * The API's load method, used by every API figure of `npm run bench`: autocannon with 20
 * connections, each target warmed up for 2 s first (the JIT's first pass is not measured), then
 * `rounds` rounds of `seconds` per target, the targets interleaved within each round so a burst of
 * load from other jobs on the machine hits every figure alike. Judge on the medians of the rounds,
 * and on ratios to the baseline measured in the same round.
 * @returns the samples of each target, round by round (`samples[target][round]`).
 */
export async function loadRounds(targets: readonly ApiTarget[], rounds: number, seconds: number): Promise<ApiSample[][]> {
  for (const t of targets) await load(t, WARM_UP_SECONDS);
  const samples: ApiSample[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) for (const [i, t] of targets.entries()) samples[i]?.push(await load(t, seconds));
  return samples;
}

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** `median (lowest–highest)` of the rounds. */
export function range(values: readonly number[], format: (n: number) => string): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length > 1
    ? `${format(median(sorted))} (${format(sorted[0] as number)}–${format(sorted[sorted.length - 1] as number)})`
    : format(median(sorted));
}

/** Each round's value of `samples` divided by the baseline's in the same round. */
export const perRound = (samples: readonly ApiSample[], baseline: readonly ApiSample[], pick: (s: ApiSample) => number): number[] =>
  samples.map((s, i) => pick(s) / pick(baseline[i] as ApiSample));

export const rps = (n: number) => `${Math.round(n).toLocaleString('en')} req/s`;
export const times = (n: number) => `${n.toFixed(2)}×`;
export const wholeMs = (n: number) => `${n} ms`;
export const us = (n: number) => `${n.toFixed(1)} µs`;
