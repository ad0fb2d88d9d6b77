// Governance in real Chromium against `wrangler dev`: limits set in the key form and the model form, and
// the usage bars on the keys page and the key detail moving as requests go through.
import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { adminCall, gatewayUrl, plantSecret, setupGateway, unique } from './support/gateway.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('limits in the dashboard', () => {
  it('sets a key’s limits in its form and shows usage bars on the keys page and the key detail', async () => {
    const g = await setupGateway([{}]);
    const { context, page, errors } = await openPage(browser);
    const name = unique('ui-limited-key');
    await page.goto(`${gatewayUrl()}/api-keys`);
    await page.getByRole('button', { name: '+ Create key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByLabel('Requests per minute', { exact: true }).fill('50');
    await dialog.getByLabel('Requests in flight').fill('3');
    await dialog.getByLabel('Budget (USD)').fill('2.5');
    await dialog.getByLabel('Budget period').selectOption('day');
    await dialog.getByLabel('Allowed models').fill(`${g.model}\nclaude-*`);
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const reveal = page.getByRole('dialog').filter({ hasText: 'Copy your new key' });
    const value = await reveal.getByTestId('revealed-key').inputValue();
    plantSecret(value);
    await reveal.getByLabel(/^I have saved the key/).check();
    await reveal.getByRole('button', { name: 'Done' }).click();

    const list = (await adminCall('GET', '/api-keys?page_size=1000')) as {
      items: { id: number; key_name: string }[];
    };
    const key = list.items.find((k) => k.key_name === name);
    expect(await adminCall('GET', `/api-keys/${key?.id}`)).toMatchObject({
      rpm_limit: 50,
      concurrency_limit: 3,
      budget_usd: 2.5,
      budget_period: 'day',
      allowed_models: [g.model, 'claude-*'],
    });
    // Early in a minute, so both requests land in the same window.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: value, maxRetries: 0 });
    for (let i = 0; i < 2; i++)
      await client.chat.completions.create({ model: g.model, messages: [{ role: 'user', content: 'hi' }] });

    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Requests this minute').waitFor();
    await row
      .getByText('2 / 50')
      .waitFor({ timeout: 15_000 })
      .catch(async (err: unknown) => {
        console.log('usage:', JSON.stringify(await adminCall('GET', `/api-keys/${key?.id}/usage`)));
        await screenshot(page, '22-keys-usage-bars-failed');
        throw err;
      });
    await screenshot(page, '22-keys-usage-bars');
    await row.getByRole('link', { name }).click();
    await page.getByRole('heading', { name: 'Usage against limits' }).waitFor();
    await page.getByText('2 / 50').waitFor({ timeout: 15_000 });
    await page.getByText(/^0 \/ 3$/).waitFor({ timeout: 15_000 });
    await page
      .getByText(/\/ \$2\.50?$/)
      .first()
      .waitFor();
    await screenshot(page, '23-key-detail-usage');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('sets a model’s limits across keys in the model form', async () => {
    const g = await setupGateway([{}]);
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${gatewayUrl()}/models/detail?model=${encodeURIComponent(g.model)}`);
    await page.getByRole('button', { name: 'Edit' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await screenshot(page, '24-model-form-limits');
    await dialog.getByLabel('Requests per minute', { exact: true }).fill('120');
    await dialog.getByLabel('Tokens per minute').fill('40000');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await adminCall('GET', `/models/${g.model}`)).toMatchObject({ rpm_limit: 120, tpm_limit: 40_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
