import { openStore } from '@warden/storage/openStore';
import { Database } from '@warden/storage/sqliteDriver';
import { tempDbPath } from '@warden/testkit/tempDir';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerMaintenanceCommands } from './maintenance.js';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const ENV = {
  AI_BASE_URL: 'https://llm-proxy.example/v1?api-key=sk-proxy-key-0123',
  BINANCE_BASE_URL: 'https://trader:p@ss-w0rd@binance-proxy.example:8443',
  TELEGRAM_WEBHOOK_URL: `https://warden.example/telegram/${BOT_TOKEN}/hook`,
};

describe('warden config show / audit verify', () => {
  let db: { path: string; cleanup: () => void };
  let out: string;
  const saved: Record<string, string | undefined> = {};

  async function warden(...args: string[]): Promise<number> {
    const program = new Command('warden').exitOverride();
    registerMaintenanceCommands(program);
    process.exitCode = 0;
    await program.parseAsync(['node', 'warden', ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return code;
  }

  beforeEach(() => {
    db = tempDbPath('warden-maint-');
    for (const [key, value] of Object.entries({ ...ENV, DATABASE_PATH: db.path })) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    db.cleanup();
  });

  it('config show redacts the user-info, query values and token-like path segments of every URL setting', async () => {
    expect(await warden('config', 'show')).toBe(0);
    for (const secret of ['sk-proxy-key-0123', 'p@ss-w0rd', 'trader', BOT_TOKEN]) expect(out).not.toContain(secret);
    expect(out).toContain('AI_BASE_URL=https://llm-proxy.example/v1?api-key=[redacted]\n');
    expect(out).toContain('BINANCE_BASE_URL=https://[redacted]@binance-proxy.example:8443\n');
    expect(out).toContain('TELEGRAM_WEBHOOK_URL=https://warden.example/telegram/[redacted]/hook\n');
    out = '';
    expect(await warden('config', 'show', '--json')).toBe(0);
    expect(JSON.parse(out).AI_BASE_URL).toBe('https://llm-proxy.example/v1?api-key=[redacted]');
  });

  it('audit verify lists every broken row and exits 1', async () => {
    const store = openStore(db.path);
    for (let i = 0; i < 6; i++) store.audit.append({ time: i, type: 'e', actor: 'system', reason: `r${i}` });
    store.close();
    expect(await warden('audit', 'verify')).toBe(0);
    expect(out).toBe('audit log intact: 6 events verified\n');
    const sqlite = new Database(db.path);
    sqlite.prepare("update events_log set reason = 'forged' where id in (2, 5)").run();
    sqlite.close();
    out = '';
    expect(await warden('audit', 'verify')).toBe(1);
    expect(out.split('\n')).toEqual([
      'audit log BROKEN at event 2: 2 problems in 6 events:',
      '  event 2: row 2 was modified (its content no longer matches its hash)',
      '  event 5: row 5 was modified (its content no longer matches its hash)',
      '',
    ]);
  });
});
