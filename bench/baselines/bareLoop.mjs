// The floor for a backtest: a bare Node loop that only parses the candle file (JSON.parse of
// Binance klines) and updates ATR(14), EMA(12), EMA(26) and RSI(14) (trading-signals, the library
// Warden's strategies use) on each 1m candle, counting EMA 12/26 crossings as a strategy would.
//   node bench/baselines/bareLoop.mjs <klines.json>
import { readFileSync } from 'node:fs';
import { ATR, EMA, RSI } from 'trading-signals';

const rows = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const atr = new ATR(14);
const fast = new EMA(12);
const slow = new EMA(26);
const rsi = new RSI(14);
let crossings = 0;
let above = null;
let sink = 0;
for (const row of rows) {
  const high = Number(row[2]);
  const low = Number(row[3]);
  const close = Number(row[4]);
  atr.update({ high, low, close }, false);
  fast.update(close, false);
  slow.update(close, false);
  rsi.update(close, false);
  if (slow.isStable) {
    const now = fast.getResultOrThrow() > slow.getResultOrThrow();
    if (above !== null && now !== above) crossings++;
    above = now;
  }
  sink += Number(atr.getResult() ?? 0) + Number(rsi.getResult() ?? 0);
}
process.stdout.write(`${rows.length} candles, ${crossings} EMA 12/26 crossings (${sink > 0 ? 'ok' : 'no'} output)\n`);
