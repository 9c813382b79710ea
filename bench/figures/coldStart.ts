import { WARDEN_BIN } from '../support/paths.js';
import { median, timeNodeProcess } from '../support/processes.js';
import { type Figure, line, ms, section } from '../support/table.js';

/** `warden --version` as a new process, against a bare `node -e 0`, alternated so both see the same load. */
export async function coldStart(runs: number): Promise<Figure> {
  section(`Cold start: \`warden --version\` vs \`node -e 0\` (median of ${runs} alternated runs, whole process)`);
  const warden: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push((await timeNodeProcess(['-e', '0'])).wallMs);
    warden.push((await timeNodeProcess([WARDEN_BIN, '--version'])).wallMs);
  }
  const w = median(warden);
  const b = median(bare);
  line('warden --version', `${ms(w)} (fastest ${ms(Math.min(...warden))})`);
  line('node -e 0', `${ms(b)} (fastest ${ms(Math.min(...bare))})`);
  return {
    what: '`warden --version` cold start',
    warden: ms(w),
    baseline: `${ms(b)} node -e 0`,
    ratio: w / b,
    target: '< 0.3 s',
    met: w < 300,
  };
}
