import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The `warden` command as users run it (compiled output; rebuilt first when sources changed). */
export const WARDEN_BIN = fileURLToPath(new URL('../../apps/cli/bin/warden.js', import.meta.url));
export const BARE_LOOP = fileURLToPath(new URL('../baselines/bareLoop.mjs', import.meta.url));
export const BARE_FASTIFY = fileURLToPath(new URL('../baselines/bareFastify.mjs', import.meta.url));
export const GRADEMARK_EMA = fileURLToPath(new URL('../peers/grademarkEma.mjs', import.meta.url));
