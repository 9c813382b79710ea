import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { demoApproval } from './support/demoData.js';
import { PASSWORD, type PanelServer, startPanelServer } from './support/panelServer.js';
import { bannerState, signIn } from './support/session.js';

/** The control panel in headless Chromium against the real server (auth on) with the fake Binance behind it. */
let server: PanelServer;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startPanelServer({ auth: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(role: 'viewer' | 'operator' | 'admin', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await signIn(browser, server.url, role, viewport);
  pages.push(page);
  return page;
}

async function toPage(page: Page, route: string): Promise<void> {
  await page.click(`nav a[href="#/${route}"]`);
  await page.waitForSelector(`main[data-page=${route}]`);
}

describe('login', () => {
  it('shows the login form first and the API error for a wrong password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operator');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('wrong username or password');
    await screenshot(page, 'login-error');
    await context.close();
  });

  for (const role of ['viewer', 'operator', 'admin'] as const) {
    it(`signs in as ${role} and shows that user and role`, async () => {
      const page = await as(role);
      expect(await page.textContent('[data-testid=current-user]')).toBe(role);
      expect(await page.textContent('[data-testid=current-role]')).toBe(role);
      expect(await page.evaluate(() => sessionStorage.getItem('warden.token'))).toBeTruthy();
      await page.waitForSelector('[data-testid=state-banner][data-state]');
      await screenshot(page, `dashboard-${role}`);
    });
  }

  it('signing out returns to the login form and forgets the token', async () => {
    const page = await as('viewer');
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('input[name=password]');
    expect(await page.evaluate(() => sessionStorage.getItem('warden.token'))).toBeNull();
  });
});

describe('dashboard and chart', () => {
  it('shows state, mode, readiness and key figures', async () => {
    const page = await as('operator');
    await page.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
    expect((await page.textContent('[data-testid=mode]'))?.toLowerCase()).toContain('paper');
    await page.waitForSelector('[data-testid=data-ready]');
    for (const stat of ['equity', 'pnl', 'drawdown', 'winrate', 'position', 'last-cycle', 'pending'])
      await page.waitForSelector(`[data-testid=stat-${stat}]`);
  });

  it('draws candlesticks with the fills as buy/sell markers', async () => {
    const page = await as('viewer');
    await toPage(page, 'chart');
    const chart = page.locator('[data-testid=candle-chart]');
    await page.waitForSelector('[data-testid=candle-chart]:not([data-candles="0"])');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-markers')) >= 2);
    expect(Number(await chart.getAttribute('data-candles'))).toBeGreaterThan(10);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=current-price]')).toMatch(/\d/);
    await screenshot(page, 'chart');
  });

  it('switches the chart to another timeframe', async () => {
    const page = await as('viewer');
    await toPage(page, 'chart');
    await page.click('[aria-label=Timeframe] button:has-text("1h")');
    await page.waitForSelector('[aria-label=Timeframe] button[aria-pressed=true]:has-text("1h")');
    await page.waitForSelector('[data-testid=candle-chart]:not([data-candles="0"])');
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await as('operator', { width: 390, height: 844 });
    await page.waitForSelector('[data-testid=candle-chart]:not([data-candles="0"])');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-phone');
  });

  it('renders the dashboard of one pair with its charts and its pair in the table, and no pair selector', async () => {
    const page = await as('admin');
    await page.waitForSelector('[data-testid=candle-chart][data-symbol="BTC/USDT"]:not([data-candles="0"])');
    await page.waitForSelector('[data-testid=equity-chart], [aria-label="Equity curve"] .empty');
    await page.waitForSelector('[data-testid=pairs-table] tr[data-symbol="BTC/USDT"]');
    await page.waitForSelector('[data-testid=allocation] [data-slice="USDT"]');
    expect(await page.locator('[data-testid=pair-selector]').count()).toBe(0);
    await screenshot(page, 'dashboard');
  });
});

describe('controls', () => {
  it('an operator pauses and resumes, and the banner follows', async () => {
    const page = await as('operator');
    await page.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
    await page.click('[aria-label=Controls] button:has-text("Pause")');
    await page.waitForSelector('[data-testid=state-banner][data-state=PAUSED]');
    expect(await page.textContent('[data-testid=action-result]')).toContain('RUNNING → PAUSED');
    await screenshot(page, 'paused');
    await page.click('[aria-label=Controls] button:has-text("Resume")');
    await page.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
    expect(await bannerState(page)).toBe('RUNNING');
  });

  it('emergency stop asks for confirmation; only an admin can manually resume, with a reason', async () => {
    const operator = await as('operator');
    await operator.click('button:has-text("Emergency stop")');
    await operator.waitForSelector('[role=dialog][aria-label="Confirm emergency stop"]');
    expect(await bannerState(operator)).toBe('RUNNING'); // nothing happens before the confirmation
    await operator.fill('[aria-label="Emergency stop reason"]', 'browser test');
    await operator.click('button:has-text("Confirm emergency stop")');
    await operator.waitForSelector('[data-testid=state-banner][data-state=EMERGENCY_STOP]');
    await screenshot(operator, 'emergency-stop');
    expect(await operator.locator('form[aria-label="Manual resume"]').count()).toBe(0);
    expect(await operator.isDisabled('[aria-label=Controls] button:has-text("Resume")')).toBe(true);

    const admin = await as('admin');
    await admin.waitForSelector('[data-testid=state-banner][data-state=EMERGENCY_STOP]');
    expect(await admin.isDisabled('form[aria-label="Manual resume"] button[type=submit]')).toBe(true); // no reason yet
    await admin.fill('form[aria-label="Manual resume"] textarea', 'checked the exchange, all clear');
    await admin.click('form[aria-label="Manual resume"] button[type=submit]');
    await admin.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
    // The operator's page learns of it through the live stream, without a reload — well before
    // its 15 s status poll would.
    await operator.waitForSelector('[data-testid=stream-status][data-stream=live]');
    await operator.waitForSelector('[data-testid=state-banner][data-state=RUNNING]', { timeout: 10_000 });
  });

  it('an operator stops and starts the scheduler and sees the outcome', async () => {
    const page = await as('operator');
    const stop = page.locator('button:has-text("Stop scheduler")');
    const start = page.locator('button:has-text("Start scheduler")');
    await page.waitForSelector('[data-testid=state-banner][data-state]');
    if (await stop.isEnabled()) {
      await stop.click();
      await page.waitForSelector('[data-testid=action-result] .ok:has-text("scheduler stopped")');
    }
    await start.click();
    // Starting may be refused (data not warmed up yet): either way the panel shows what the API said.
    await page.waitForSelector('[data-testid=action-result] :is(.ok:has-text("scheduler running"), [role=alert])');
  });

  it('a viewer sees every control disabled and no decision buttons', async () => {
    server.store.approvals.insert(demoApproval(Date.now(), 'smart_grid_ai', { grid_levels: 8 }, { grid_levels: 10 }));
    const page = await as('viewer');
    await page.waitForSelector('[aria-label=Controls]');
    const buttons = page.locator('[aria-label=Controls] button');
    const count = await buttons.count();
    expect(count).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < count; i++) expect(await buttons.nth(i).isDisabled()).toBe(true);
    expect(await page.textContent('[aria-label=Controls]')).toContain('Read-only');
    await toPage(page, 'approvals');
    await page.waitForSelector('[data-testid=approval-card]');
    expect(await page.locator('[data-testid=approval-card] button').count()).toBe(0);
    await screenshot(page, 'viewer-approvals');
  });
});

describe('approvals', () => {
  it('an operator approves a pending proposal with a comment and it moves to the history', async () => {
    const approval = server.store.approvals.insert(
      demoApproval(Date.now(), 'smart_grid_ai', { grid_levels: 8, spacing_min_pct: 0.4 }, { grid_levels: 6, spacing_min_pct: 0.6 }),
    );
    const page = await as('operator');
    await toPage(page, 'approvals');
    const card = page.locator(`[data-testid=approval-card][data-approval-id="${approval.id}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('spacing_min_pct');
    expect(await card.locator('[data-testid=countdown]').textContent()).toMatch(/expires in \d/);
    await card.locator('[aria-label=What-if\\ comparison]').waitFor();
    const walkForward = card.locator('[aria-label=Walk-forward\\ score]');
    await walkForward.waitFor();
    expect(await walkForward.textContent()).toContain('350 in-sample + 150 out-of-sample candles');
    expect(await walkForward.textContent()).toContain('-0.20');
    expect(await card.locator('[data-testid=walk-forward-verdict]').textContent()).toBe(
      'Does not beat the current parameters out-of-sample',
    );
    await screenshot(page, 'approvals');
    await card.locator('input').fill('looks sensible');
    await card.locator('button:has-text("Approve")').click();
    await card.waitFor({ state: 'detached' });
    expect(await page.textContent('[data-testid=decision-result]')).toContain(`Proposal #${approval.id} approved`);
    const row = page.locator('[data-testid=approval-history] tr', { hasText: 'looks sensible' });
    await row.waitFor();
    expect(await row.textContent()).toContain('APPROVED');
    expect(await row.textContent()).toContain('user:operator');
    expect(server.store.approvals.get(approval.id)?.status).toBe('APPROVED');
  });

  it('shows the API error when the proposal was decided elsewhere in the meantime', async () => {
    const approval = server.store.approvals.insert(demoApproval(Date.now(), 'smart_grid_ai', { grid_levels: 8 }, { grid_levels: 9 }));
    const page = await as('operator');
    await toPage(page, 'approvals');
    const card = page.locator(`[data-testid=approval-card][data-approval-id="${approval.id}"]`);
    await card.waitFor();
    server.store.approvals.decide(approval.id, {
      status: 'REJECTED',
      decidedBy: 'telegram:1',
      decidedAt: Date.now(),
      comment: 'decided on the phone',
    });
    await card.locator('button:has-text("Approve")').click();
    const alert = page.locator('[data-testid=decision-result] [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('409');
    await card.waitFor({ state: 'detached' }); // the refreshed list no longer offers it
  });
});

describe('tables, audit log and config', () => {
  it('lists the orders and fills the bot made, and filters orders by status', async () => {
    const page = await as('viewer');
    await toPage(page, 'trades');
    const fills = server.store.fills.all('BTC/USDT');
    expect(fills.length).toBeGreaterThan(0);
    await page.waitForSelector(`[data-testid=fills-table] td:has-text("${fills[0]?.clientOrderId}")`);
    await page.waitForSelector('[data-testid=positions-table] td:has-text("BTC/USDT")');
    await page.selectOption('[aria-label="Order status"]', 'FILLED');
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid=orders-table] tbody tr td[data-col=Status]')].map((td) => td.textContent);
      return cells.length > 0 && cells.every((c) => c === 'FILLED');
    });
    await page.selectOption('[aria-label="Order status"]', 'REJECTED');
    await page.waitForSelector('[data-testid=orders-table] td:has-text("No orders match")');
    await screenshot(page, 'trades');
  });

  it('shows the audit log with actors, filters by actor, and reports the chain intact', async () => {
    const page = await as('viewer');
    await toPage(page, 'events');
    await page.waitForSelector('[data-testid=chain-status][data-ok=true]');
    await page.fill('[aria-label=Actor]', 'user:operator');
    // Wait for the filtered page: every row by the operator (the unfiltered log also has viewer/admin logins).
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid=events-table] tbody tr td:nth-child(3)')].map((td) => td.textContent);
      return cells.length > 0 && cells.every((c) => c === 'user:operator');
    });
    const actors = await page.locator('[data-testid=events-table] tbody tr td:nth-child(3)').allTextContents();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set(['user:operator']));
    await screenshot(page, 'events');
  });

  it('shows the configuration with secrets redacted and the strategy parameters with bounds', async () => {
    const page = await as('viewer');
    await toPage(page, 'config');
    await page.waitForSelector('[data-testid=config-table] code:has-text("TRADING_SYMBOL")');
    const secret = page.locator('[data-testid=config-table] div', { hasText: 'AUTH_TOKEN_SECRET' });
    expect(await secret.textContent()).not.toContain(PASSWORD);
    expect(await secret.textContent()).toContain('[redacted]');
    const tunable = page.locator('[data-testid=strategy-params] tr[data-tunable=true]').first();
    await tunable.waitFor();
    const [min, max] = await Promise.all([tunable.locator('td').nth(2).textContent(), tunable.locator('td').nth(3).textContent()]);
    expect(Number(min)).toBeLessThan(Number.parseFloat(max ?? ''));
    await screenshot(page, 'config');
  });

  it('lets an admin add a user, change their role and remove them; other roles do not see the users', async () => {
    const operator = await as('operator');
    await toPage(operator, 'config');
    await operator.waitForSelector('[data-testid=runtime-table]');
    expect(await operator.locator('[data-testid=users-table]').count()).toBe(0);

    const page = await as('admin');
    await toPage(page, 'config');
    await page.waitForSelector('[data-testid=users-table] tr[data-username=admin]');
    await page.fill('[aria-label="New user name"]', 'carol');
    await page.selectOption('[aria-label="New user role"]', 'operator');
    await page.fill('[aria-label="New user password"]', 'carol has a long password');
    await page.click('button:has-text("Add user")');
    const row = page.locator('[data-testid=users-table] tr[data-username=carol]');
    await row.waitFor();
    expect(await row.locator('select').inputValue()).toBe('operator');

    await row.locator('select').selectOption('viewer');
    await page.waitForFunction(() => {
      const select = document.querySelector<HTMLSelectElement>('[data-testid=users-table] tr[data-username=carol] select');
      return select?.value === 'viewer' && !select.disabled;
    });
    await screenshot(page, 'users');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button:has-text("Remove")').click();
    await row.waitFor({ state: 'detached' });
    expect(server.store.users.byName('carol')).toBeNull();
  });
});
