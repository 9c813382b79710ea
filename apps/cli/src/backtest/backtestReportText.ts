import type { BacktestResult } from '@warden/core/backtest/runBacktest';
import type { TimeNotation } from '@warden/core/data/candleFileParsing';
import { type CandleGapReport, describeGap } from '@warden/core/data/candleGaps';
import type { BacktestData } from './backtestData.js';

const NOTATION_NAMES: Record<TimeNotation, string> = {
  s: 'epoch seconds',
  ms: 'epoch milliseconds',
  us: 'epoch microseconds',
  ns: 'epoch nanoseconds',
  'iso-zoned': 'ISO dates with a zone',
  'iso-utc-assumed': 'ISO dates without a zone, read as UTC',
};

/** How the data's open times were written, in words (`epoch microseconds`). */
export function describeTimeNotations(notations: readonly TimeNotation[]): string {
  return notations.length === 0 ? 'none' : notations.map((n) => NOTATION_NAMES[n]).join(' and ');
}

/** What the report says about its input: files, time notation, repairs, overlaps and gaps. */
export function dataLines(data: BacktestData, repairAsked: boolean): string[] {
  const lines = [
    `${data.files.join(', ')}; open times in ${describeTimeNotations(data.timeNotations)}; ${data.gaps.length === 0 ? 'no gaps' : `${data.gaps.length} gap${data.gaps.length === 1 ? '' : 's'} (${missingCount(data.gaps)} candles missing)`}`,
  ];
  if (repairAsked) lines.push(`--repair: ${data.repairs ?? 'nothing needed repairing'}`);
  if (data.overlapsDropped > 0) lines.push(`${data.overlapsDropped} candles appeared in two files with the same values: one copy kept`);
  for (const note of data.notes) lines.push(`note: ${note}`);
  return lines;
}

function missingCount(gaps: readonly CandleGapReport[]): number {
  return gaps.reduce((n, g) => n + g.missing, 0);
}

/** One line per gap, at most `max`, with a count of the rest. */
export function gapLines(gaps: readonly CandleGapReport[], max = 10): string[] {
  const lines = gaps.slice(0, max).map(describeGap);
  if (gaps.length > max) lines.push(`… and ${gaps.length - max} more`);
  return lines;
}

function counted(record: Readonly<Record<string, number>>, max = 4): string {
  const entries = Object.entries(record);
  const shown = entries.slice(0, max).map(([k, n]) => `${k} ×${n}`);
  return entries.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * Why a backtest made no trade (or had every order blocked), from its activity counts: the risk
 * engine's top reason codes, or the strategy's top hold reasons when it never signalled. Null when
 * nothing needs explaining.
 */
export function explainNoTrades(r: BacktestResult): string | null {
  const a = r.activity;
  const signals = a.buySignals + a.sellSignals;
  if (signals > 0 && a.allowed === 0)
    return `the risk engine blocked all ${a.blocked} orders the strategy asked for (${a.buySignals} BUY, ${a.sellSignals} SELL): ${counted(a.blockReasons)}`;
  if (r.trades > 0) return null;
  if (signals === 0) return `the strategy never asked to trade; it held: ${counted(a.holdReasons) || 'no decision was made'}`;
  return `${a.allowed} orders were allowed but none filled${a.blocked > 0 ? `; ${a.blocked} more were blocked: ${counted(a.blockReasons)}` : ''}`;
}

/** Risk blocks worth showing even when some orders went through. */
export function blockSummary(r: BacktestResult): string | null {
  return r.activity.blocked === 0
    ? null
    : `${r.activity.blocked} of ${r.activity.blocked + r.activity.allowed} orders blocked: ${counted(r.activity.blockReasons)}`;
}
