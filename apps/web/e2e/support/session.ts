import type { Browser, Page } from 'playwright-core';
import { PASSWORD } from './panelServer.js';

/** A fresh browser context (own sessionStorage) signed in as `username` through the login form. */
export async function signIn(browser: Browser, url: string, username: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${url}/#/dashboard`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector(`[data-testid=current-user]:has-text("${username}")`);
  return page;
}

/** The trading state the banner shows, once it shows one. */
export async function bannerState(page: Page): Promise<string | null> {
  return page.locator('[data-testid=state-banner]').getAttribute('data-state');
}
