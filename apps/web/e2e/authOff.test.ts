import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { type PanelServer, startPanelServer } from './support/panelServer.js';

/** AUTH_ENABLED=false: local trusted mode — no login form, the panel acts as user local with the admin role. */
let server: PanelServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPanelServer({ auth: false, cycles: 12 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('opens straight onto the dashboard as local admin, says auth is off, and the controls work', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
  expect(await page.locator('input[name=password]').count()).toBe(0);
  expect(await page.textContent('[data-testid=current-role]')).toBe('admin');
  expect(await page.textContent('.who')).toContain('auth off');
  await page.click('[aria-label=Controls] button:has-text("Pause")');
  await page.waitForSelector('[data-testid=state-banner][data-state=PAUSED]');
  await screenshot(page, 'auth-off-paused');
  await page.click('[aria-label=Controls] button:has-text("Resume")');
  await page.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
  const events = server.store.audit.list({ actor: 'user:local' }, { limit: 10 }).items.map((e: { type: string }) => e.type);
  expect(events.length).toBeGreaterThanOrEqual(2);
});
