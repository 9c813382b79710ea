// The peer in the benchmark's EMA row: grademark 0.3.0 (a TypeScript backtesting library) running
// the same EMA 12/26 crossover over the same file, long only, as one whole process:
//   node bench/peers/grademarkEma.mjs <klines.json>
// grademark trades whole positions at the next bar's open and charges no fee; the comparison is
// of the work done per candle, not of the results.
import { readFileSync } from 'node:fs';
import { DataFrame } from 'data-forge';
import { backtest } from 'grademark';
import { EMA } from 'trading-signals';

const rows = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bars = rows.map((r) => ({
  time: new Date(r[0]),
  open: Number(r[1]),
  high: Number(r[2]),
  low: Number(r[3]),
  close: Number(r[4]),
  volume: Number(r[5]),
}));

const strategy = {
  // The crossing is computed once per bar here, as grademark's examples compute indicators.
  prepIndicators: ({ inputSeries }) => {
    const fast = new EMA(12);
    const slow = new EMA(26);
    let above = null;
    return inputSeries.select((bar) => {
      fast.update(bar.close, false);
      slow.update(bar.close, false);
      let cross = 0;
      if (slow.isStable) {
        const now = fast.getResultOrThrow() > slow.getResultOrThrow();
        if (above !== null && now !== above) cross = now ? 1 : -1;
        above = now;
      }
      return { ...bar, cross };
    });
  },
  entryRule: (enterPosition, args) => {
    if (args.bar.cross === 1) enterPosition();
  },
  exitRule: (exitPosition, args) => {
    if (args.bar.cross === -1) exitPosition();
  },
};

const trades = backtest(strategy, new DataFrame(bars));
process.stdout.write(`${bars.length} candles, ${trades.length} round trips (${trades.length * 2} fills)\n`);
