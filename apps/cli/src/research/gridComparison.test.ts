import { makeTempDir } from '@warden/testkit/tempDir';
import { afterAll, describe, expect, it } from 'vitest';
import { renderGridComparison } from './gridComparison.js';
import { runResearch } from './runResearch.js';
import { writeTestCorpus } from './testCorpus.js';

const tmp = makeTempDir('warden-grid-comparison-');
afterAll(() => tmp.cleanup());
writeTestCorpus(tmp.dir, 400);

describe('renderGridComparison', () => {
  it('gives one markdown row per set with whole-set and out-of-sample scores, the count won, and the sets still lost by name', {
    timeout: 240_000,
  }, async () => {
    const report = await runResearch({
      inputs: [tmp.dir],
      env: { TRADING_TIMEFRAMES: '1h,4h', TRADING_GRID_AUTO_INVENTORY_BOOTSTRAP: 'true' },
      strategies: ['smart_grid_ai', 'grid'],
      threads: 1,
    });
    const md = renderGridComparison(report);
    expect(md).toContain(
      '| set | candles | smart grid return | static grid return | smart grid score | static grid score | ahead | out-of-sample smart grid score |',
    );
    const rows = md.split('\n').filter((l) => /^\| (more|pairs)/.test(l));
    expect(rows).toHaveLength(3);
    const ahead = report.sets.filter(
      (s) => s.rows.find((r) => r.variant === 'smart_grid_ai (defaults)' && r.part === 'full')?.beatsStaticGrid,
    ).length;
    expect(md).toContain(`**smart_grid_ai is ahead of the static grid on ${ahead} of 3 sets`);
    const lostLine = md.split('\n').find((l) => l.startsWith('Where it still loses (whole set):')) ?? '';
    expect(lostLine === 'Where it still loses (whole set): nowhere.' ? 0 : lostLine.split(';').length).toBe(3 - ahead);
    expect(md).toContain('out-of-sample = the last 30 % of each set');
  });
});
