import { BTC_2021_WEEK, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { makeTempDir } from '@warden/testkit/tempDir';
import autocannon from 'autocannon';
import { BARE_FASTIFY, WARDEN_BIN } from '../support/paths.js';
import { residentMb } from '../support/processes.js';
import { startServer } from '../support/server.js';
import { type Figure, line, mb, section } from '../support/table.js';

const CONNECTIONS = 20;

async function load(url: string, seconds: number): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** RSS samples 1 s apart; the median, so one allocation spike or GC does not decide the figure. */
async function settledRss(pid: number, samples: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    values.push(residentMb(pid));
  }
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/**
 * A real `warden start` (paper, AI off, Telegram off) against the fake exchange: its resident
 * memory once idle between cycles, beside a bare fastify app's; then API throughput with
 * autocannon (20 connections) against the same bare fastify app.
 */
export async function runningServer(apiSeconds: number): Promise<Figure[]> {
  section('Idle `warden start` (paper, AI off, Telegram off, cycles every 2 s) beside a bare fastify app');
  const fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000, speed: 1 });
  const tmp = makeTempDir('warden-bench-start-');
  const warden = await startServer(
    [WARDEN_BIN, 'start'],
    {
      BINANCE_BASE_URL: fake.url,
      DATABASE_PATH: `${tmp.dir}/warden.db`,
      PORT: '0',
      LOG_LEVEL: 'info',
      TRADING_ACTIVE_STRATEGY: 'ema_crossover',
      TRADING_CYCLE_SECONDS: '2',
      AI_ENABLED: 'false',
      TELEGRAM_BOT_TOKEN: '',
    },
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  const bare = await startServer([BARE_FASTIFY], {}, /(http:\/\/127\.0\.0\.1:\d+)/);
  try {
    await warden.waitFor('scheduler started');
    const wardenRss = await settledRss(warden.child.pid as number, 10);
    const bareRss = await settledRss(bare.child.pid as number, 3);
    const cycles = (warden.output().match(/"cycle (decided|synced)"/g) ?? []).length;
    line('warden start, resident memory once idle', `${mb(wardenRss)} (${cycles} decided cycles logged so far)`);
    line('bare fastify app, resident memory', mb(bareRss));

    section(`API throughput: autocannon, ${CONNECTIONS} connections, ${apiSeconds} s per route`);
    const bareHealth = await load(`${bare.url}/api/health`, apiSeconds);
    const health = await load(`${warden.url}/api/health`, apiSeconds);
    const status = await load(`${warden.url}/api/system/status`, apiSeconds);
    for (const [label, r] of [
      ['bare fastify GET /api/health', bareHealth],
      ['warden GET /api/health', health],
      ['warden GET /api/system/status', status],
    ] as const)
      line(label, `${Math.round(r.rps).toLocaleString('en')} req/s, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`);
    return [
      {
        what: 'resident memory of an idle `warden start`',
        warden: mb(wardenRss),
        baseline: `${mb(bareRss)} bare fastify`,
        ratio: wardenRss / bareRss,
        target: '< 150 MB',
        met: wardenRss < 150,
      },
      {
        what: '`GET /api/health` throughput',
        warden: `${Math.round(health.rps).toLocaleString('en')} req/s`,
        baseline: `${Math.round(bareHealth.rps).toLocaleString('en')} req/s bare fastify`,
        ratio: health.rps / bareHealth.rps,
        target: '≥ 50 % of bare fastify',
        met: health.rps >= 0.5 * bareHealth.rps,
      },
      {
        what: '`GET /api/system/status` throughput, p99',
        warden: `${Math.round(status.rps).toLocaleString('en')} req/s, p99 ${status.p99} ms`,
        baseline: `${Math.round(bareHealth.rps).toLocaleString('en')} req/s bare fastify /api/health`,
        ratio: status.rps / bareHealth.rps,
        target: '≥ 10,000 req/s, p99 < 5 ms',
        met: status.rps >= 10_000 && status.p99 < 5,
      },
    ];
  } finally {
    await warden.stop();
    await bare.stop();
    await fake.close();
    tmp.cleanup();
  }
}
