// The response cache in the dashboard, in real Chromium against `wrangler dev`: the model form, hit rate and
// savings on the model page and the home page, the logs' cache filter, and the purge.
import { existsSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { gatewayUrl, setupGateway, unique } from './support/gateway.ts';

const dist = path.resolve(import.meta.dirname, '../../dashboard/dist/index.html');
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('dashboard/dist is missing: run `npm run build:dashboard` first');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function send(key: string, model: string, prompt: string): Promise<string | null> {
  const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: key, maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: prompt }] })
    .withResponse();
  return response.headers.get('x-gateway-cache');
}

describe('the response cache in the dashboard', () => {
  it('turns caching on in the model form, then shows hit rate and savings, filters hits, and purges', async () => {
    const g = await setupGateway([{}], { input_price: 5, output_price: 5 });
    const { context, page, errors } = await openPage(browser);
    const detail = `${gatewayUrl()}/models/detail?model=${encodeURIComponent(g.model)}`;
    await page.goto(detail);
    await page.getByTestId('model-cache').getByText('Off', { exact: true }).waitFor();

    await page.locator('.page-header').getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Keep answers for/).fill('abc');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter a number').waitFor();
    await dialog.getByLabel(/^Keep answers for/).fill('900');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('model-cache').getByText('900 s · per key').waitFor();

    const prompt = unique('dashboard cache');
    expect([await send(g.key, g.model, prompt), await send(g.key, g.model, prompt)]).toEqual(['MISS', 'HIT']);
    expect(await send(g.key, g.model, prompt)).toBe('HIT');

    // The log consumer writes the rows within a few seconds; the card reads them.
    for (let i = 0; i < 30; i++) {
      await page.goto(detail);
      const card = page.getByTestId('model-cache');
      await card.getByText(/Cache hit rate|No cached lookups/).waitFor();
      if ((await card.getByText('2 of 3 lookups').count()) > 0) break;
      await page.waitForTimeout(500);
    }
    await page.getByTestId('model-cache').getByText('2 of 3 lookups').waitFor();
    await screenshot(page, 'cache-01-model');

    await page.goto(`${gatewayUrl()}/`);
    const row = page.getByTestId('cache-by-model').getByRole('row').filter({ hasText: g.model });
    await row.getByText('66.7%').waitFor();

    await page.goto(`${gatewayUrl()}/logs?requested_model=${encodeURIComponent(g.model)}`);
    await page.getByTestId('log-row').nth(2).waitFor();
    await page.getByTestId('log-filters').locator('select[name="cache_status"]').selectOption('HIT');
    await page.waitForURL(/cache_status=HIT/);
    await expect.poll(() => page.getByTestId('log-row').count()).toBe(2);
    expect(await page.getByTestId('cache-hit-badge').count()).toBe(2);
    await screenshot(page, 'cache-02-logs');

    await page.goto(detail);
    await page.getByTestId('model-cache').getByRole('button', { name: 'Purge cache' }).click();
    await page.getByTestId('confirm-ok').click();
    await page.getByText('Cached answers purged').waitFor();
    expect(await send(g.key, g.model, prompt)).toBe('MISS');
    expect(errors).toEqual([]);
    await context.close();
  });
});
