import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, launched with the flags CI uses (no sandbox in containers, nothing phoning home). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export const ARTIFACTS = resolve(import.meta.dirname, '../../../../test-artifacts/web');

/** Full-page screenshot into test-artifacts/web/<name>.png (gitignored), or to an explicit path. */
export async function screenshot(page: Page, name: string, path = join(ARTIFACTS, `${name}.png`)): Promise<string> {
  mkdirSync(resolve(path, '..'), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
