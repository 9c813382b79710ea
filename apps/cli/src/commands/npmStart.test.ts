import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@warden/storage/sqliteDriver';
import { BTC_2021_WEEK, type FakeBinance, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';

let npm: ChildProcess | null = null;
let botPid: number | null = null;
let fake: FakeBinance | null = null;
let cleanup: () => void = () => {};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(async () => {
  if (botPid !== null && alive(botPid)) process.kill(botPid, 'SIGKILL');
  if (npm && npm.exitCode === null) npm.kill('SIGKILL');
  await fake?.close();
  cleanup();
  npm = null;
  botPid = null;
  fake = null;
});

/** Polls `check` every 50 ms until it returns a value; fails with `what` after `deadlineMs` (generous: this is not a timing test). */
async function until<T>(what: string, check: () => T | null | undefined | false, deadlineMs = 120_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start under a supervisor', () => {
  it('stops the bot when the npm process gets SIGTERM: the cycle finishes, the database closes cleanly, nothing is left running', async () => {
    fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000 });
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    const dbPath = join(tmp.dir, 'warden.db');
    let out = '';
    npm = spawn('npm', ['start'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_PATH: dbPath,
        BINANCE_BASE_URL: fake.url,
        PORT: '0',
        LOG_LEVEL: 'info',
        TRADING_CYCLE_SECONDS: '1',
        TRADING_ACTIVE_STRATEGY: 'ema_crossover',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => npm?.on('exit', (code) => r(code)));
    npm.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    npm.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const lines = () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; pid?: number });

    botPid = (await until('the start-up line', () => lines().find((l) => l.msg.startsWith('Warden '))?.pid)) ?? null;
    expect(botPid).not.toBe(npm.pid);
    const url = await until('the listening line', () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    await until('a decided cycle', () => out.includes('cycle decided'));

    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    const pid = botPid as number;
    await until('the bot process to exit', () => !alive(pid), 30_000);
    expect(out).toContain('received SIGTERM: stopping after the cycle in flight');
    expect(out).toContain('stopped cleanly');
    // A clean close checkpoints the write-ahead log into the database and removes it.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect((db.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
      const last = db.prepare('select type from events_log order by id desc limit 1').get() as { type: string };
      expect(last.type).toBe('system.stopped');
    } finally {
      db.close();
    }
  }, 300_000);
});
