// V8 tuning every `warden` command runs with. Kept in one place so `npm run bench` can measure the
// in-process cycle under the same settings as `warden start`.
import v8 from 'node:v8';

/**
 * Keeps V8's young generation at its initial size (1 MiB semi-spaces) instead of letting it grow
 * to 16 MiB: Warden allocates many short-lived objects (parsed candles, cycle work) that die
 * young, so small, frequent scavenges cost less than large ones, and the resident memory stays
 * low. Measured on a year of 1m candles: peak memory 816 → 435 MB and CPU time 7.1 → 4.9 s; an idle
 * `warden start` 134 → 113 MB. Set at run time because `node --max-semi-space-size` cannot be
 * passed through every way the command is started (npm scripts, the bin link, tests).
 */
export function applyV8Tuning() {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
