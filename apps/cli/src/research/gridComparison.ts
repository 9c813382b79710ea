import type { ResearchRow } from '@warden/core/research/researchPlan';
import type { ResearchPart } from '@warden/core/research/walkForward';
import type { ResearchReport } from './researchReport.js';
import { setLabel } from './researchTable.js';

const SMART = 'smart_grid_ai (defaults)';

const score = (r: ResearchRow['result'] | undefined) => (r?.ok ? r.score.toFixed(2) : 'failed');
const ret = (r: ResearchRow['result'] | undefined) => (r?.ok ? `${r.returnPct >= 0 ? '+' : ''}${r.returnPct.toFixed(2)} %` : '—');
const mark = (b: boolean | null | undefined) => (b === null || b === undefined ? '—' : b ? '✔' : '✘');

/**
 * The README's smart grid vs static grid comparison, from a bench report that ran `smart_grid_ai`
 * with its shipped defaults: one markdown row per set with the score (return / max drawdown) of
 * the smart grid and of the static grid with the same capital, levels, fees and slippage — on the
 * whole set and out-of-sample — then the count of sets won and, by name, the sets still lost.
 */
export function renderGridComparison(report: ResearchReport): string {
  const find = (rows: readonly ResearchRow[], part: ResearchPart) => rows.find((r) => r.variant === SMART && r.part === part);
  const lines = [
    '| set | candles | smart grid return | static grid return | smart grid score | static grid score | ahead | out-of-sample smart grid score | out-of-sample static grid score | ahead out-of-sample | buy and hold |',
    '| --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | :---: | ---: |',
  ];
  const lost: string[] = [];
  const lostOos: string[] = [];
  let won = 0;
  let wonOos = 0;
  for (const set of report.sets) {
    const full = find(set.rows, 'full');
    const oos = find(set.rows, 'out-of-sample');
    if (full?.beatsStaticGrid) won++;
    else lost.push(setLabel(set));
    if (oos?.beatsStaticGrid) wonOos++;
    else lostOos.push(setLabel(set));
    lines.push(
      `| ${setLabel(set).replace(/\|/g, '\\|')} | ${set.meta.candles} | ${ret(full?.result)} | ${ret(full?.staticGrid?.result)} | ${score(full?.result)} | ${score(full?.staticGrid?.result)} | ${mark(full?.beatsStaticGrid)} | ${score(oos?.result)} | ${score(oos?.staticGrid?.result)} | ${mark(oos?.beatsStaticGrid)} | ${full?.result.ok ? ret({ ...full.result, returnPct: full.result.buyHoldReturnPct }) : '—'} |`,
    );
  }
  const n = report.sets.length;
  const share = (k: number) => (n === 0 ? 0 : Math.round((k / n) * 100));
  const s = report.settings;
  return [
    `score = ${report.score}; ahead = a strictly greater score than the static grid with the same capital, levels, fees and slippage. ` +
      `Shipped defaults, ${s.feeTakerPct} % fees, ${s.slippageBps} bps slippage, starting equity ${s.startingEquity ?? '2,000 × the minimum order of the quote'}, inventory bootstrap ${s.gridAutoInventoryBootstrap ? 'on' : 'off'}, grid spacing ${s.gridSpacingMode}; ` +
      `out-of-sample = the last ${Math.round((1 - s.inSampleFraction) * 100)} % of each set.`,
    '',
    ...lines,
    '',
    `**smart_grid_ai is ahead of the static grid on ${won} of ${n} sets (${share(won)} %) over the whole set, and on ${wonOos} of ${n} (${share(wonOos)} %) out-of-sample.**`,
    '',
    `Where it still loses (whole set): ${lost.length ? lost.join('; ') : 'nowhere'}.`,
    '',
    `Where it still loses (out-of-sample): ${lostOos.length ? lostOos.join('; ') : 'nowhere'}.`,
  ].join('\n');
}
