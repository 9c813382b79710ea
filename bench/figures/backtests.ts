import { BARE_LOOP, GRADEMARK_EMA, WARDEN_BIN } from '../support/paths.js';
import { median, type ProcessRun, timeNodeProcess } from '../support/processes.js';
import { type Figure, line, mb, ms, section } from '../support/table.js';

/** How the issue ran Warden to trade like the peers: every 1m candle, whole equity in, no limits, no slippage. */
const PEER_SETTINGS = {
  TRADING_TIMEFRAMES: '1m',
  RISK_ORDER_SIZE_PCT: '100',
  RISK_MAX_POSITION_PCT: '100',
  RISK_MAX_ORDER_NOTIONAL: '0',
  RISK_DAILY_LOSS_LIMIT_PCT: '0',
  RISK_MAX_DRAWDOWN_PCT: '0',
  TRADING_PAPER_SLIPPAGE_BPS: '0',
  TRADING_PAPER_STARTING_EQUITY: '10000000000',
};

interface Runs {
  readonly wall: number;
  readonly cpu: number;
  readonly peak: number;
  readonly last: ProcessRun;
}

function summarise(runs: readonly ProcessRun[]): Runs {
  return {
    wall: median(runs.map((r) => r.wallMs)),
    cpu: median(runs.map((r) => r.cpuMs)),
    peak: median(runs.map((r) => r.peakRssMb)),
    last: runs[runs.length - 1] as ProcessRun,
  };
}

function report(label: string, r: Runs, note: string): void {
  line(label, `${ms(r.wall)} wall, ${ms(r.cpu)} CPU, peak ${mb(r.peak)}  ${note}`);
}

const fills = (out: string) => /trades\s+(\d+) fills/.exec(out)?.[1] ?? '?';

/**
 * `warden backtest` of a year of 1m candles (default strategy, smart_grid_ai) as a whole process,
 * against the bare loop over the same file; then the EMA 12/26 crossover all-in against grademark
 * and the bare loop. Runs are alternated so every contender sees the same machine load; medians.
 */
export async function backtests(file: string, runs: number): Promise<Figure[]> {
  section(`Backtest of a year of 1m candles, whole process (median of ${runs} alternated runs)`);
  const bare: ProcessRun[] = [];
  const grid: ProcessRun[] = [];
  const ema: ProcessRun[] = [];
  const grademark: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeNodeProcess([BARE_LOOP, file]));
    grid.push(await timeNodeProcess([WARDEN_BIN, 'backtest', '--data', file], { TRADING_TIMEFRAMES: '1m,4h', RISK_MAX_DRAWDOWN_PCT: '0' }));
    ema.push(await timeNodeProcess([WARDEN_BIN, 'backtest', '--data', file, '--strategy', 'ema_crossover'], PEER_SETTINGS));
    grademark.push(await timeNodeProcess([GRADEMARK_EMA, file]));
  }
  const b = summarise(bare);
  const g = summarise(grid);
  const e = summarise(ema);
  const gm = summarise(grademark);
  report('bare loop (parse + ATR/EMA/RSI)', b, b.last.stdout.trim());
  report('warden backtest (smart_grid_ai, 1m + 4h)', g, `${fills(g.last.stdout)} fills`);
  section('EMA 12/26 crossover, all-in, same file, whole process');
  report('warden backtest --strategy ema_crossover (peer settings)', e, `${fills(e.last.stdout)} fills`);
  report('grademark 0.3.0', gm, gm.last.stdout.trim());
  report('bare loop', b, '');
  const ratio = (x: number, y: number) => x / y;
  return [
    {
      what: '`warden backtest`, a year of 1m, whole process',
      warden: `${ms(g.wall)} (${ms(g.cpu)} CPU)`,
      baseline: `${ms(b.wall)} (${ms(b.cpu)} CPU) bare loop`,
      ratio: ratio(g.wall, b.wall),
      target: '≤ 1.5× bare loop',
      met: ratio(g.wall, b.wall) <= 1.5,
    },
    {
      what: 'EMA 12/26 crossover all-in, whole process',
      warden: `${ms(e.wall)} (${ms(e.cpu)} CPU)`,
      baseline: `${ms(gm.wall)} (${ms(gm.cpu)} CPU) grademark; bare loop ${(e.wall / b.wall).toFixed(1)}× faster than Warden`,
      ratio: ratio(e.wall, gm.wall),
      target: '< 1× grademark',
      met: e.wall < gm.wall,
    },
    {
      what: 'peak memory of the year backtest',
      warden: `${mb(g.peak)} (EMA run ${mb(e.peak)})`,
      baseline: `${mb(b.peak)} bare loop`,
      ratio: ratio(Math.max(g.peak, e.peak), b.peak),
      target: '≤ 2× bare loop',
      met: Math.max(g.peak, e.peak) <= 2 * b.peak,
    },
  ];
}
