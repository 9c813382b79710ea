import { createBinanceMarketData } from '@warden/adapters/binance/binanceMarketData';
import { writeCandleFile } from '@warden/adapters/files/candleFiles';
import type { CandleFileFormat } from '@warden/core/data/candleFileFormat';
import { timeCellToMs } from '@warden/core/data/epochTime';
import { isTimeframe, TIMEFRAME_MS, type Timeframe } from '@warden/core/domain/market';
import { ValidationError } from '@warden/core/errors/errors';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { createLogger, loadConfig } from '../context.js';
import { openStoreFor } from '../openStoreFor.js';

function symbolArg(value: string): string {
  const symbol = value.toUpperCase();
  if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol)) throw new InvalidArgumentError('expected BASE/QUOTE, e.g. BTC/USDT');
  return symbol;
}

function timeframeArg(value: string): Timeframe {
  if (!isTimeframe(value)) throw new InvalidArgumentError('expected a Binance interval such as 1m, 5m, 1h, 4h, 1d');
  return value;
}

function positiveArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

/** ISO date/time (UTC unless it says otherwise, as in candle files) or an epoch number in s, ms or µs. */
export function timeArg(value: string): number {
  try {
    return timeCellToMs(value);
  } catch (error) {
    throw new InvalidArgumentError(
      `expected an ISO date (2024-03-01, 2024-03-01 12:00, 2024-03-01T12:00Z) or an epoch number: ${(error as Error).message}`,
    );
  }
}

function formatArg(value: string): CandleFileFormat {
  if (value !== 'json' && value !== 'csv') throw new InvalidArgumentError('expected json or csv');
  return value;
}

interface DownloadOptions {
  symbol?: string;
  timeframe?: Timeframe;
  days: number;
}
interface ExportOptions {
  symbol?: string;
  timeframe?: Timeframe;
  from?: number;
  to?: number;
  out: string;
  format?: CandleFileFormat;
}

/** `warden data download` and `warden data export`: fill and read the candles_cache table. */
export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('market data: fill the candle cache from Binance, export it to files');

  data
    .command('download')
    .description('fetch the closed candles of the last N days into the cache (only what is missing)')
    .option('--symbol <BASE/QUOTE>', 'symbol (default: TRADING_SYMBOL)', symbolArg)
    .option('--timeframe <tf>', 'interval (default: the first of TRADING_TIMEFRAMES)', timeframeArg)
    .option('--days <n>', 'how many days back from now', positiveArg, 30)
    .action(async (opts: DownloadOptions) => {
      const config = loadConfig();
      const log = createLogger(config);
      const symbol = opts.symbol ?? config.TRADING_SYMBOL;
      const timeframe = opts.timeframe ?? (config.TRADING_TIMEFRAMES[0] as Timeframe);
      const count = Math.ceil((opts.days * 86_400_000) / TIMEFRAME_MS[timeframe]);
      const store = openStoreFor(config);
      const md = createBinanceMarketData(config, { candles: store.candles, logger: log });
      const bar = process.stdout.isTTY
        ? new SingleBar({ format: `${symbol} ${timeframe} [{bar}] {percentage}% | {value}/{total} candles | eta {eta}s` })
        : null;
      try {
        await md.start();
        let started = false;
        const report = await md.cache.backfill(symbol, timeframe, count, (done, total) => {
          if (!bar) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        });
        bar?.stop();
        process.stdout.write(
          `${symbol} ${timeframe}: ${report.available}/${report.requested} closed candles cached (${report.fetchedBars} fetched, ${report.gapsRecorded.length} exchange gaps recorded)\n`,
        );
      } finally {
        bar?.stop();
        md.stop();
        store.close();
      }
    });

  data
    .command('export')
    .description('write cached candles to a JSON or CSV file')
    .option('--symbol <BASE/QUOTE>', 'symbol (default: TRADING_SYMBOL)', symbolArg)
    .option('--timeframe <tf>', 'interval (default: the first of TRADING_TIMEFRAMES)', timeframeArg)
    .option('--from <time>', 'first open time (ISO date or epoch ms; default: oldest cached)', timeArg)
    .option('--to <time>', 'last open time (ISO date or epoch ms; default: newest cached)', timeArg)
    .requiredOption('--out <file>', 'file to write')
    .option('--format <json|csv>', 'file format (default: from the file extension, else json)', formatArg)
    .action(async (opts: ExportOptions) => {
      const config = loadConfig();
      const symbol = opts.symbol ?? config.TRADING_SYMBOL;
      const timeframe = opts.timeframe ?? (config.TRADING_TIMEFRAMES[0] as Timeframe);
      const format = opts.format ?? (opts.out.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
      if (opts.from !== undefined && opts.to !== undefined && opts.from > opts.to)
        throw new ValidationError('--from is after --to', 'from');
      const store = openStoreFor(config);
      try {
        const candles = store.candles.range(symbol, timeframe, opts.from ?? 0, opts.to ?? Number.MAX_SAFE_INTEGER);
        await writeCandleFile(opts.out, format, symbol, timeframe, candles);
        process.stdout.write(`${candles.length} ${symbol} ${timeframe} candles written to ${opts.out} (${format})\n`);
      } finally {
        store.close();
      }
    });
}
