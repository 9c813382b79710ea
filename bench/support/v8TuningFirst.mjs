// Preloaded (`node --import`) before anything else in a bench child process, so the child's
// young generation starts and stays as small as in `warden start`, which applies the same tuning
// first thing (apps/cli/bin/warden.js). Applied later, after a loader such as tsx has allocated,
// V8 has already grown the young generation and the tuning no longer shows.
import { applyV8Tuning } from '../../apps/cli/bin/v8Tuning.js';

applyV8Tuning();
