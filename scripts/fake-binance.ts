// A local stand-in for Binance's spot REST API serving real recorded candles (BTC/USDT, Feb 2021),
// for trying Warden offline:  npm run fake-binance -- --speed 60
//   then, in another terminal:  BINANCE_BASE_URL=http://127.0.0.1:<port> npm start
import { BTC_2021_WEEK, recordedMarket, startFakeBinance } from '@warden/testkit/fakeBinance/index';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const speed = Number(arg('speed', '60'));
// Day 6 of the recorded week: enough 4h history for smart_grid_ai's regime warm-up.
const start = Number(arg('start', String(BTC_2021_WEEK.start + 6 * 86_400_000)));

const fake = await startFakeBinance({ candles: recordedMarket(), marketTime: start });
fake.tape.clock.setSpeed(speed);
process.stdout.write(`fake Binance on ${fake.url} (market time ${new Date(start).toISOString()}, ${speed}x)\n`);
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
