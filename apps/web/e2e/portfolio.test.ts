import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { demoApproval } from './support/demoData.js';
import { PAIRS, type PanelServer, startPanelServer } from './support/panelServer.js';
import { signIn } from './support/session.js';

/**
 * The panel over a portfolio (issue 18): the real server trading BTC/USDT and ETH/USDT with a grid
 * and SOL/USDT with an EMA crossover from one quote balance, against the fake Binance replaying the
 * recorded 2024 4h bars, in headless Chromium.
 */
let server: PanelServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPanelServer({ auth: true, portfolio: true, cycles: 40 }), launchBrowser()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function toPage(page: Page, route: string): Promise<void> {
  await page.click(`nav a[href^="#/${route}"]`);
  await page.waitForSelector(`main[data-page=${route}]`);
}

const chartOf = (symbol: string) => `[data-testid=candle-chart][data-symbol="${symbol}"]:not([data-candles="0"])`;
const number = async (page: Page, selector: string, attribute: string) => Number(await page.getAttribute(selector, attribute));

describe('portfolio of three pairs', () => {
  it('lists the three pairs in the header with their strategy and state', async () => {
    const page = await signIn(browser, server.url, 'viewer');
    // A closed select's options are never "visible": wait for them to exist.
    await page.waitForSelector('[data-testid=pair-selector] option:nth-child(3)', { state: 'attached' });
    expect(await page.locator('[data-testid=pair-selector] option').allTextContents()).toEqual([
      'BTC/USDT · grid · RUNNING',
      'ETH/USDT · grid · RUNNING',
      'SOL/USDT · ema_crossover · RUNNING',
    ]);
    expect(await page.textContent('[data-testid=state-banner]')).toContain('3 pairs');
  });

  it('shows the pairs, the allocation across them and the quote, and the portfolio equity curve', async () => {
    const page = await signIn(browser, server.url, 'viewer');
    await page.waitForSelector('[data-testid=pairs-table] tr[data-symbol="SOL/USDT"]');
    const rows = page.locator('[data-testid=pairs-table] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-symbol')))).toEqual([...PAIRS]);
    for (const symbol of PAIRS) {
      const row = page.locator(`[data-testid=pairs-table] tr[data-symbol="${symbol}"]`);
      expect(await row.locator('td[data-col=Value]').textContent()).toMatch(/\d/);
      expect(await row.locator('td[data-col=Allocation]').textContent()).toMatch(/%$/);
    }
    // Viewers read, operators act: no pause or resume buttons.
    expect(await page.locator('[data-testid=pairs-table] button').count()).toBe(0);

    await page.waitForSelector('[data-testid=allocation] [data-slice="USDT"]');
    const slices = await page
      .locator('[data-testid=allocation] [data-slice]')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-slice'), Number(el.getAttribute('data-pct'))] as const));
    expect(slices.map(([label]) => label)).toEqual([...PAIRS, 'USDT']);
    expect(slices.reduce((sum, [, pct]) => sum + pct, 0)).toBeCloseTo(100, 1);
    // The grids bought their inventory on their first cycle: the account holds base, not only quote.
    expect(slices.filter(([label, pct]) => label !== 'USDT' && pct > 0).length).toBeGreaterThan(0);

    await page.waitForSelector('[data-testid=equity-chart]:not([data-points="0"])');
    expect(await page.locator('[data-testid=equity-chart] canvas').count()).toBeGreaterThan(0);
    // The account's return, drawdown and day P&L beside the limits, as the API reports them.
    await page.waitForSelector('[data-testid=account-performance]');
    // From the default TRADING_PAPER_STARTING_EQUITY of 10,000 to the latest snapshot's equity.
    const latest = Number(server.store.equity.latest()?.equity);
    const shown = await number(page, '[data-testid=account-performance] [data-field=return]', 'data-value');
    expect(shown).toBeCloseTo((latest / 10_000 - 1) * 100, 2);
    expect(await page.textContent('[data-testid=account-performance] [data-field=drawdown]')).toContain('limit 20%');
    await page.waitForSelector(chartOf('BTC/USDT'));
    await screenshot(page, 'portfolio');
  });

  it("draws the selected pair's candles, fills and grid lines, and a link opens the same pair", async () => {
    const page = await signIn(browser, server.url, 'viewer');
    await toPage(page, 'chart');
    await page.waitForSelector(chartOf('BTC/USDT'));
    await page.waitForSelector('[data-testid=candle-chart]:not([data-levels="0"])');
    const btcPrice = await page.textContent('[data-testid=current-price]');

    await page.selectOption('[data-testid=pair-selector]', 'ETH/USDT');
    await page.waitForSelector(chartOf('ETH/USDT'));
    expect(page.url()).toContain('#/chart?pair=ETH%2FUSDT');
    expect(await page.textContent('[data-testid=chart-symbol]')).toBe('ETH/USDT');
    expect(server.store.fills.all('ETH/USDT').length).toBeGreaterThan(0);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-markers')) > 0);
    await page.waitForSelector('[data-testid=candle-chart]:not([data-levels="0"])');
    await page.waitForFunction((before) => document.querySelector('[data-testid=current-price]')?.textContent !== before, btcPrice);
    await screenshot(page, 'chart-eth');

    // SOL runs an EMA crossover: its candles, no grid lines (its strategy state shows its EMAs instead).
    await page.selectOption('[data-testid=pair-selector]', 'SOL/USDT');
    await page.waitForSelector(chartOf('SOL/USDT'));
    await page.waitForSelector('[aria-label="Strategy state"] dt:has-text("fastEma")');
    expect(await number(page, '[data-testid=candle-chart]', 'data-levels')).toBe(0);

    // The selection lives in the URL: opening the link again (a reload keeps the session) shows SOL.
    const link = page.url();
    await page.goto(`${server.url}/#/dashboard`);
    await page.goto(link);
    await page.reload();
    await page.waitForSelector(chartOf('SOL/USDT'));
    expect(await page.inputValue('[data-testid=pair-selector]')).toBe('SOL/USDT');
    // Moving to another page keeps the pair.
    await toPage(page, 'config');
    await page.waitForSelector('[data-testid=strategy-name]:has-text("ema_crossover")');
    expect(await page.textContent('[data-testid=strategy-pair]')).toContain('SOL/USDT');
  });

  it('an operator pauses one pair and resumes it; the account and the other pairs keep running', async () => {
    const page = await signIn(browser, server.url, 'operator');
    const row = page.locator('[data-testid=pairs-table] tr[data-symbol="ETH/USDT"]');
    await row.waitFor();
    await row.locator('button:has-text("Pause")').click();
    await page.waitForSelector('[data-testid=pairs-table] tr[data-symbol="ETH/USDT"][data-state=PAUSED]');
    await page.waitForSelector('[data-testid=pair-action-result] .ok:has-text("ETH/USDT: RUNNING → PAUSED")');
    expect(await row.locator('[data-testid=pair-state]').textContent()).toBe('PAUSED (pair)');
    await page.waitForSelector('[data-testid=pair-selector] option[value="ETH/USDT"]:has-text("PAUSED (pair)")', { state: 'attached' });
    expect(await page.getAttribute('[data-testid=state-banner]', 'data-state')).toBe('RUNNING');
    expect(await page.textContent('[data-testid=state-banner]')).toContain('3 pairs, 1 paused');
    for (const other of ['BTC/USDT', 'SOL/USDT'])
      expect(await page.getAttribute(`[data-testid=pairs-table] tr[data-symbol="${other}"]`, 'data-state')).toBe('RUNNING');
    const audited = server.store.audit.list({ type: 'state.pair_paused' }, { limit: 5 }).items;
    expect(audited[0]).toMatchObject({ actor: 'user:operator', inputs: expect.objectContaining({ symbol: 'ETH/USDT' }) });
    await screenshot(page, 'pair-paused');

    await row.locator('button:has-text("Resume")').click();
    await page.waitForSelector('[data-testid=pairs-table] tr[data-symbol="ETH/USDT"][data-state=RUNNING]');
    await page.waitForSelector('[data-testid=pair-action-result] .ok:has-text("ETH/USDT: PAUSED → RUNNING")');
  });

  it('refreshes the portfolio live when the pairs trade a cycle', async () => {
    const page = await signIn(browser, server.url, 'viewer');
    await page.waitForSelector('[data-testid=stream-status][data-stream=live]');
    await page.waitForSelector('[data-testid=equity-chart]:not([data-points="0"])');
    const before = await number(page, '[data-testid=equity-chart]', 'data-points');
    await server.advance(2);
    // No reload: the `cycle` events make the panel refetch the portfolio's curve.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=equity-chart]')?.getAttribute('data-points')) >= n + 2,
      before,
    );
  });

  it('filters orders and fills by pair', async () => {
    const page = await signIn(browser, server.url, 'viewer');
    await toPage(page, 'trades');
    const pairsIn = (table: string) =>
      page.locator(`[data-testid=${table}] td[data-col=Pair]`).evaluateAll((tds) => [...new Set(tds.map((td) => td.textContent))]);
    await page.waitForSelector('[data-testid=fills-table] td[data-col=Pair]');
    await page.selectOption('[data-testid=pair-filter]', 'ETH/USDT');
    for (const table of ['orders-table', 'fills-table', 'positions-table'])
      await page.waitForFunction((t) => {
        const cells = [...document.querySelectorAll(`[data-testid=${t}] td[data-col=Pair]`)].map((td) => td.textContent);
        return cells.length > 0 && cells.every((c) => c === 'ETH/USDT');
      }, table);
    expect(await pairsIn('orders-table')).toEqual(['ETH/USDT']);
    await page.selectOption('[data-testid=pair-filter]', '');
    await page.waitForFunction(
      () => new Set([...document.querySelectorAll('[data-testid=orders-table] td[data-col=Pair]')].map((td) => td.textContent)).size > 1,
    );
  });

  it('shows the pair each proposal is for', async () => {
    const approval = server.store.approvals.insert({
      ...demoApproval(Date.now(), 'ema_crossover', { fast_period: 5 }, { fast_period: 8 }),
      symbol: 'SOL/USDT',
    });
    const page = await signIn(browser, server.url, 'viewer');
    await toPage(page, 'approvals');
    const card = page.locator(`[data-testid=approval-card][data-approval-id="${approval.id}"]`);
    await card.waitFor();
    expect(await card.locator('[data-testid=approval-pair]').textContent()).toBe('SOL/USDT');
  });

  it('renders the dashboard of the portfolio (screenshot; WARDEN_UPDATE_DOCS=1 also refreshes docs/dashboard.png)', async () => {
    const page = await signIn(browser, server.url, 'admin', { width: 1440, height: 1000 });
    await page.waitForSelector(chartOf('BTC/USDT'));
    await page.waitForSelector('[data-testid=equity-chart]:not([data-points="0"])');
    await page.waitForSelector('[data-testid=allocation] [data-slice="USDT"]');
    await page.mouse.move(0, 0); // no crosshair in the picture
    await screenshot(page, 'dashboard-portfolio');
    if (process.env.WARDEN_UPDATE_DOCS === '1')
      await screenshot(page, 'dashboard', resolve(import.meta.dirname, '../../../docs/dashboard.png'));
  });
});
