/**
 * Runs the fake exchange by hand, e.g. to point `npm start` at it:
 *   npx tsx packages/testkit/src/fakeBinance/run.ts --port 9100 --at 2021-02-22T00:00:00Z --speed 60
 *   BINANCE_BASE_URL=http://127.0.0.1:9100 npm start
 * Serves BTCUSDT from the recorded 2021-02-19..25 week (1m, higher timeframes built from it)
 * and the 2024 4h ETH/BNB/SOL bars.
 */
import { parseArgs } from 'node:util';
import { BTC_2021_WEEK, recordedMarket } from './recordedMarket.js';
import { startFakeBinance } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    at: { type: 'string', default: new Date(BTC_2021_WEEK.start + 3 * 86_400_000).toISOString() },
    speed: { type: 'string', default: '1' },
  },
});
const marketTime = Date.parse(values.at);
if (Number.isNaN(marketTime)) throw new Error(`--at is not a date: ${values.at}`);
const fake = await startFakeBinance({ candles: recordedMarket(), marketTime, port: Number(values.port), speed: Number(values.speed) });
process.stdout.write(`fake Binance on ${fake.url} (market time ${new Date(marketTime).toISOString()}, speed ${values.speed}x)\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
