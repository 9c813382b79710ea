import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCandleFile } from '@warden/adapters/files/candleFiles';
import { openStore } from '@warden/storage/openStore';
import { BTC_2021_WEEK, recordedMarket } from '@warden/testkit/fakeBinance/recordedMarket';
import { type FakeBinance, startFakeBinance } from '@warden/testkit/fakeBinance/server';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDataCommands, timeArg } from './data.js';

const DAY = 86_400_000;
let fake: FakeBinance;
let dir: string;
const saved = { ...process.env };

beforeEach(async () => {
  fake = await startFakeBinance({ candles: recordedMarket(), marketTime: BTC_2021_WEEK.start + 2 * DAY + 90_000 });
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-data-'));
  Object.assign(process.env, {
    BINANCE_BASE_URL: fake.url,
    DATABASE_PATH: join(dir, 'warden.db'),
    TRADING_SYMBOL: 'BTC/USDT',
    TRADING_TIMEFRAMES: '5m,4h',
    LOG_LEVEL: 'silent',
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(async () => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  await fake.close();
});

async function warden(...args: string[]): Promise<void> {
  const program = new Command('warden').exitOverride().configureOutput({ writeErr: () => undefined });
  registerDataCommands(program);
  for (const sub of program.commands.flatMap((c) => [c, ...c.commands])) sub.exitOverride().configureOutput({ writeErr: () => undefined });
  await program.parseAsync(['node', 'warden', ...args]);
}

describe('warden data', () => {
  it('download fills the cache with the last N days of closed candles; export writes them back out', async () => {
    await warden('data', 'download', '--symbol', 'BTC/USDT', '--timeframe', '5m', '--days', '1');
    const store = openStore(join(dir, 'warden.db'));
    const cached = store.candles.range('BTC/USDT', '5m', 0, Number.MAX_SAFE_INTEGER);
    store.close();
    expect(cached).toHaveLength(288);
    expect(cached.at(-1)?.openTime).toBe(BTC_2021_WEEK.start + 2 * DAY - 5 * 60_000);

    const out = join(dir, 'btc.csv');
    await warden('data', 'export', '--timeframe', '5m', '--from', '2021-02-20T12:00', '--out', out);
    const exported = await readCandleFile(out, { symbol: 'BTC/USDT', timeframe: '5m' });
    expect(exported).toEqual(cached.filter((c) => c.openTime >= Date.UTC(2021, 1, 20, 12)));
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('symbol,timeframe,open_time_ms,open,high,low,close,volume');
  });

  it('rejects a bad timeframe or symbol before doing anything', async () => {
    await expect(warden('data', 'download', '--timeframe', '7m')).rejects.toThrow(/interval/);
    await expect(warden('data', 'download', '--symbol', 'BTCUSDT')).rejects.toThrow(/BASE\/QUOTE/);
    expect(fake.requests).toEqual([]);
  });

  it('reads times as UTC ISO dates or epoch ms', () => {
    expect(timeArg('2021-02-20')).toBe(Date.UTC(2021, 1, 20));
    expect(timeArg('2021-02-20T12:00')).toBe(Date.UTC(2021, 1, 20, 12));
    expect(timeArg('1613822400000')).toBe(1613822400000);
    // A space instead of T is still UTC (Date.parse would read it in the machine's zone).
    expect(timeArg('2021-02-20 12:00')).toBe(Date.UTC(2021, 1, 20, 12));
    expect(timeArg('1613822400')).toBe(1613822400000);
    expect(() => timeArg('20/02/2021')).toThrow(/ISO date/);
  });
});
