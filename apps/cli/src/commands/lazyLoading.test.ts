import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BTC_2021_WEEK, type FakeBinance, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';
import { startFakeLlm } from '@warden/testkit/fakeLlm/index';
import { FakeTelegramServer } from '@warden/testkit/fakeTelegram/index';
import { repoRoot } from '@warden/testkit/fixtures';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(repoRoot, 'apps', 'cli', 'bin', 'warden.js');
const RECORDER = join(repoRoot, 'apps', 'cli', 'src', 'testing', 'importRecorder.mjs');
const closers: Array<() => Promise<void> | void> = [];
let child: ChildProcess | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  for (const close of closers.splice(0).reverse()) await close();
});

/** The npm packages a `warden` process loaded (package/path, e.g. `ccxt/js/src/binance.js`), recorded as it exits. */
interface Recorded {
  readonly files: readonly string[];
  has(pkg: string): boolean;
}

function recorded(file: string): Recorded {
  const files = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  return { files, has: (pkg) => files.some((f) => f.startsWith(`${pkg}/`)) };
}

/**
 * Runs `warden <args>` with the import recorder. With `until`, waits for that text in its output,
 * runs `meanwhile` with the API's URL, then sends SIGTERM.
 */
async function runWarden(
  args: string[],
  env: Record<string, string>,
  until?: string,
  meanwhile: (url: string) => Promise<void> = async () => {},
): Promise<{ imports: Recorded; output: string }> {
  const tmp = makeTempDir('warden-imports-');
  closers.push(tmp.cleanup);
  const importsFile = join(tmp.dir, 'imports.txt');
  let output = '';
  const proc = spawn(process.execPath, ['--import', RECORDER, BIN, ...args], {
    cwd: tmp.dir,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      DATABASE_PATH: join(tmp.dir, 'warden.db'),
      PORT: '0',
      ...env,
      WARDEN_IMPORTS_FILE: importsFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (until && output.includes(until)) resolve();
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    void exited.then(() => (until && !output.includes(until) ? reject(new Error(`exited before "${until}":\n${output}`)) : resolve()));
  });
  await ready;
  if (until) {
    await meanwhile(/listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '');
    proc.kill('SIGTERM');
  }
  await exited;
  return { imports: recorded(importsFile), output };
}

async function fakeExchange(): Promise<FakeBinance> {
  const fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 6 * 86_400_000 });
  closers.push(() => fake.close());
  return fake;
}

const PAPER = { TRADING_ACTIVE_STRATEGY: 'ema_crossover', TRADING_CYCLE_SECONDS: '3600' };

describe('each warden command loads only the libraries it uses', () => {
  it('`warden --version` loads no library but the command-line parser', async () => {
    const { imports, output } = await runWarden(['--version'], {});
    expect(output.trim()).toBe('0.1.0');
    // esbuild appears only when the sources changed since the last build (the command rebuilds first).
    expect(imports.files.filter((f) => !f.startsWith('commander/') && !f.startsWith('esbuild/'))).toEqual([]);
  });

  it('`warden start` in paper mode without AI or Telegram loads fastify and only Binance from ccxt, never grammy or the AI SDK', async () => {
    const fake = await fakeExchange();
    const { imports } = await runWarden(['start'], { ...PAPER, BINANCE_BASE_URL: fake.url }, 'scheduler started');
    expect(imports.has('fastify')).toBe(true);
    expect(imports.files).toContain('ccxt/js/src/binance.js');
    expect(imports.files).not.toContain('ccxt/js/ccxt.js');
    for (const absent of ['grammy', 'ai', '@ai-sdk/openai', '@ai-sdk/anthropic', '@ai-sdk/google', 'ollama-ai-provider-v2'])
      expect(imports.has(absent), absent).toBe(false);
  });

  it('loads grammy once TELEGRAM_BOT_TOKEN is set', async () => {
    const fake = await fakeExchange();
    const telegram = new FakeTelegramServer({ token: '123:lazy-loading-test' });
    const apiUrl = await telegram.start();
    closers.push(() => telegram.stop());
    const { imports } = await runWarden(
      ['start'],
      {
        ...PAPER,
        BINANCE_BASE_URL: fake.url,
        TELEGRAM_BOT_TOKEN: '123:lazy-loading-test',
        TELEGRAM_API_URL: apiUrl,
        TELEGRAM_CHAT_IDS: '42',
      },
      'scheduler started',
    );
    expect(imports.has('grammy')).toBe(true);
    expect(imports.has('ai')).toBe(false);
  });

  it('with AI_ENABLED=true, loads the AI SDK at the first advisor run, not at start', async () => {
    const fake = await fakeExchange();
    const llm = await startFakeLlm('openai');
    closers.push(() => llm.close());
    const env = {
      ...PAPER,
      BINANCE_BASE_URL: fake.url,
      AI_ENABLED: 'true',
      AI_PROVIDER: 'openai',
      AI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test',
    };
    const idle = await runWarden(['start'], env, 'scheduler started');
    expect(idle.imports.has('ai')).toBe(false);
    expect(llm.requests).toHaveLength(0);

    const advised = await runWarden(['start'], env, 'scheduler started', async (url) => {
      const run = await fetch(`${url}/api/advisor/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(run.status).toBe(200);
    });
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(advised.imports.has('ai')).toBe(true);
    expect(advised.imports.has('@ai-sdk/openai')).toBe(true);
  });
});
