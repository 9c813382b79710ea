// Loaded with `node --import` into every process the benchmark times: on exit it writes the
// process's peak resident memory (KiB, getrusage's ru_maxrss) and CPU time (ms, user + system) to
// WARDEN_BENCH_RSS_FILE as JSON.
import { writeFileSync } from 'node:fs';

const file = process.env.WARDEN_BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
