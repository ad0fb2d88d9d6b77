// Launches the Chromium that ships with @sparticuz/chromium through playwright-core, and saves screenshots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, type Page, chromium as playwright } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../../..');
export const ARTIFACTS = path.join(root, 'test/artifacts/dashboard');

/**
 * The bundled Chromium only looks at its own font folder (one Latin font); adding the system folders
 * lets screenshots show CJK text wherever such a font is installed.
 */
function fontConfig(): string {
  const file = path.join(tmpdir(), 'dashboard-e2e-fonts.conf');
  const dirs = [path.join(tmpdir(), 'fonts'), '/usr/share/fonts', '/usr/local/share/fonts'];
  const xml = `<?xml version="1.0"?>\n<fontconfig>\n${dirs.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${path.join(tmpdir(), 'fonts-cache')}</cachedir>\n</fontconfig>\n`;
  writeFileSync(file, xml);
  return file;
}

/** Headless Chromium; background networking off, since this machine may have no internet. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  return playwright.launch({
    executablePath,
    env: { ...process.env, FONTCONFIG_FILE: fontConfig() },
    // --single-process (meant for Lambda) takes the whole browser down when a context closes.
    args: [
      ...chromium.args.filter((a) => a !== '--single-process'),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    headless: true,
  });
}

/** A fresh context (empty localStorage) in English at a desktop size; page errors are collected. */
export async function openPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

/** Saves a full-page screenshot as test/artifacts/dashboard/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
