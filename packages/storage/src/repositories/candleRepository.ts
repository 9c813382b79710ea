import type { Candle, Timeframe } from '@warden/core/domain/market';
import type { CandleGap, CandleRepository } from '@warden/core/ports/store';
import type Database from 'better-sqlite3';

/** Candles use prepared statements directly: backfills write tens of thousands of rows. */
export function candleRepository(sqlite: Database.Database): CandleRepository {
  const upsert = sqlite.prepare(
    'insert into candles_cache (symbol, timeframe, open_time, open, high, low, close, volume) values (?, ?, ?, ?, ?, ?, ?, ?) ' +
      'on conflict (symbol, timeframe, open_time) do update set open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume',
  );
  const rangeStmt = sqlite.prepare(
    'select open_time as openTime, open, high, low, close, volume from candles_cache where symbol = ? and timeframe = ? and open_time between ? and ? order by open_time',
  );
  const latestStmt = sqlite.prepare(
    'select * from (select open_time as openTime, open, high, low, close, volume from candles_cache where symbol = ? and timeframe = ? and open_time <= ? order by open_time desc limit ?) order by openTime',
  );
  const boundsStmt = sqlite.prepare(
    'select min(open_time) as first, max(open_time) as last, count(*) as count from candles_cache where symbol = ? and timeframe = ?',
  );
  const gapInsert = sqlite.prepare(
    'insert into candle_gaps (symbol, timeframe, from_open_time, to_open_time) values (?, ?, ?, ?) on conflict (symbol, timeframe, from_open_time) do update set to_open_time = excluded.to_open_time',
  );
  const gapsStmt = sqlite.prepare(
    'select symbol, timeframe, from_open_time as "from", to_open_time as "to" from candle_gaps where symbol = ? and timeframe = ? order by from_open_time',
  );
  const upsertAll = sqlite.transaction((symbol: string, timeframe: string, candles: readonly Candle[]) => {
    for (const c of candles) upsert.run(symbol, timeframe, c.openTime, c.open, c.high, c.low, c.close, c.volume);
    return candles.length;
  });
  return {
    upsertMany: (symbol, timeframe, candles) => upsertAll(symbol, timeframe, candles),
    range: (symbol, timeframe, from, to) => rangeStmt.all(symbol, timeframe, from, to) as Candle[],
    latest: (symbol, timeframe, limit, before = Number.MAX_SAFE_INTEGER) => latestStmt.all(symbol, timeframe, before, limit) as Candle[],
    bounds: (symbol, timeframe) => {
      const row = boundsStmt.get(symbol, timeframe) as { first: number | null; last: number | null; count: number };
      return row.count > 0 && row.first !== null && row.last !== null ? { first: row.first, last: row.last, count: row.count } : null;
    },
    recordGap: (gap: CandleGap) => {
      gapInsert.run(gap.symbol, gap.timeframe, gap.from, gap.to);
    },
    gaps: (symbol, timeframe: Timeframe) => gapsStmt.all(symbol, timeframe) as CandleGap[],
  };
}
