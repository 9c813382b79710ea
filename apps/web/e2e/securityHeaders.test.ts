import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { type PanelServer, startPanelServer } from './support/panelServer.js';

/** The panel and the API docs under the server's Content-Security-Policy, in a real browser. */
let server: PanelServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPanelServer({ auth: false, cycles: 12 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page that records every message the browser logs about a CSP violation. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const violations: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

describe('Content-Security-Policy', () => {
  it('the built panel loads, draws its chart and talks to the API and the event stream with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=state-banner][data-state=RUNNING]');
    await page.click('nav a[href="#/chart"]');
    await page.waitForSelector('[data-testid=candle-chart]:not([data-candles="0"])');
    expect(await page.locator('[data-testid=candle-chart] canvas').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('Swagger UI renders the API document with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${server.url}/api/docs/`);
    await page.waitForSelector('.swagger-ui .info .title:has-text("Warden API")');
    await page.waitForSelector('.swagger-ui .opblock-summary-path[data-path="/api/system/pause"]');
    await screenshot(page, 'api-docs');
    expect(violations).toEqual([]);
  });

  it('another site cannot frame the panel (frame-ancestors none, X-Frame-Options DENY)', async () => {
    const { page } = await watchedPage();
    await page.setContent(`<iframe id="victim" src="${server.url}/" onload="window.frameLoaded = true"></iframe>`);
    // The load event fires either way: with the panel's document when framing is allowed, with an error page when refused.
    await page.waitForFunction(() => (window as unknown as { frameLoaded?: boolean }).frameLoaded === true);
    const frame = await (await page.waitForSelector('#victim')).contentFrame();
    expect(await frame?.$('#root')).toBeNull();
  });
});
