// The dashboard end to end in real Chromium against `wrangler dev` and the mock upstream: sign-in, the
// whole configuration through the UI, SDK traffic in the logs, language and theme, 10,000 log rows.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPricingSuggestion,
  bulkUpgrade,
  expectUpgradedLink,
  exportAndImportModels,
} from './dashboard-bulk-steps.ts';
import {
  addLink,
  createKey,
  createModel,
  createProvider,
  pauseAndResume,
  runModelTest,
  signIn,
  testProvider,
  waitForLogRows,
} from './dashboard-steps.ts';
import { E2E_VARS } from './global-setup.ts';
import { ARTIFACTS, launchBrowser, openPage, screenshot } from './support/browser.ts';
import { adminCall, gatewayUrl, mockUrl, unique } from './support/gateway.ts';
import { seedRequestLogs } from './support/log-seed.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.ts';

const ADMIN_PASSWORD = 'e2e-dashboard-password';
const dist = path.resolve(import.meta.dirname, '../../dashboard/dist/index.html');

let browser: Browser;
let secured: WranglerDev;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('dashboard/dist is missing: run `npm run build:dashboard` first');
  const { ADMIN_AUTH_DISABLED: _open, ...vars } = E2E_VARS;
  [browser, secured] = await Promise.all([launchBrowser(), startWranglerDev({ ...vars, ADMIN_PASSWORD })]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await secured?.stop();
});

describe('the dashboard with admin sign-in on', () => {
  it('sends a signed-out user to login, rejects a wrong password, signs in, sends a 401 back to login, signs out', async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${secured.url}/providers`);
    await page.waitForURL(/\/login\?returnTo=%2Fproviders/);
    await screenshot(page, '01-login');
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel(/^Password/).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${secured.url}/providers`);
    await page.getByRole('heading', { name: 'Providers' }).waitFor();

    // Any 401 from the API ends the session: a token the Worker no longer accepts sends us to login.
    await page.evaluate(() => localStorage.setItem('lgw_admin_token', 'forged.token'));
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/login\?returnTo=/);

    await signIn(page, secured.url, ADMIN_PASSWORD);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays responsive with 10,000 log rows (server-side pagination, filters, zoom)', async () => {
    seedRequestLogs(secured.persistDir, 10_000);
    // Rows stored straight into the index are counted into the rollups by the backfill job.
    const login = await fetch(`${secured.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const backfill = await fetch(`${secured.url}/api/admin/logs/rollups/backfill`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(await backfill.json()).toMatchObject({ counted: 10_000, complete: true });
    const { context, page, errors } = await openPage(browser);
    await signIn(page, secured.url, ADMIN_PASSWORD);
    const timings: Record<string, number> = {};
    const time = async (name: string, step: () => Promise<unknown>) => {
      const started = performance.now();
      await step();
      timings[name] = Math.round(performance.now() - started);
    };

    await time('logs first page (navigate → 20 rows)', async () => {
      await page.getByRole('link', { name: 'Logs' }).click();
      await page.getByText('10,000 total').waitFor();
    });
    expect(await page.getByTestId('log-row').count()).toBe(20);
    await screenshot(page, '09-logs-10k');
    await time('next page', async () => {
      await page.getByRole('button', { name: 'Next ›' }).click();
      await page.waitForURL(/page=2/);
      await page
        .getByRole('button', { name: '2', exact: true })
        .and(page.locator('[aria-current="page"]'))
        .waitFor();
    });
    await time('filter by model (typed)', async () => {
      await page.getByRole('searchbox', { name: 'Model' }).fill('seed-gpt');
      await page.getByText('2,500 total').waitFor();
    });
    await time('errors only', async () => {
      await page.getByLabel(/^Errors only/).click();
      await page.getByText('500 total').waitFor();
    });
    await time('zoom into a timeline bar', async () => {
      await page.getByTestId('chart-bar').nth(30).click();
      await page.waitForURL(/start=.*end=/);
      await page.getByRole('button', { name: 'Back to the preset range' }).waitFor();
    });
    await time('home with 10,000 requests', async () => {
      await page.getByRole('link', { name: 'Home' }).click();
      await page.getByTestId('home-summary').getByText('10,000').waitFor();
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'responsiveness-10k.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log('dashboard with 10,000 log rows (ms):', timings);
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(5000);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the dashboard on the local gateway (admin auth off)', () => {
  it('configures provider, model, link with a rule and key through the UI; SDK traffic shows up in the logs', async () => {
    const { context, page, errors } = await openPage(browser);
    const base = gatewayUrl();
    const provider = unique('ui-prov');
    const model = unique('ui-model');

    await createProvider(page, base, provider, `${mockUrl()}/p/${provider}/v1`);
    await screenshot(page, '02-providers');
    await testProvider(page, provider);
    await screenshot(page, '03-provider-connection-test');
    await page.getByRole('button', { name: 'Close' }).click();

    await createModel(page, base, model);
    await addLink(page, provider);
    await pauseAndResume(page, provider);
    await screenshot(page, '04-model-detail');
    await page.getByRole('button', { name: 'Match test' }).click();
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByTestId('match-result').getByText(provider).waitFor();
    await screenshot(page, '05-match-test');
    await page.getByRole('button', { name: 'Close' }).first().click();
    await runModelTest(page, provider);
    await screenshot(page, '05b-model-test');
    await page.getByRole('button', { name: 'Close' }).first().click();
    await page.goto(`${base}/models?requested_model=${model}`);
    await page.getByTestId('models-table').getByText(model).waitFor();
    await screenshot(page, '06-models');

    const key = await createKey(page, base, unique('ui-key'));
    await screenshot(page, '07-api-keys');

    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 });
    for (const n of [1, 2, 3]) {
      const res = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: `UI e2e ${n}` }],
      });
      expect(res.choices[0]?.message.content).toContain(`UI e2e ${n}`);
    }
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      messages: [{ role: 'user', content: 'UI e2e stream' }],
    });
    for await (const _chunk of stream) {
      // drain
    }

    await page.goto(`${base}/logs?requested_model=${model}`);
    // The model test, three requests and the stream: the stream is newest, so it is the first row.
    await waitForLogRows(page, 5);
    await screenshot(page, '08-logs');
    await page.getByTestId('log-row').first().getByRole('link').click();
    await page.waitForURL(/\/logs\/[^?]+$/);
    const usage = page.getByTestId('log-usage');
    await usage.getByText('Input tokens').waitFor();
    expect(await page.getByTestId('log-total-cost').textContent()).toMatch(/^\$0\.\d+/);
    // The upstream's own usage: per-modality counts, and the raw object behind a disclosure.
    const usageDetails = page.getByTestId('log-usage-details');
    await usageDetails.getByText('Audio input tokens').waitFor();
    await usageDetails.getByText('Raw usage object').click();
    await usageDetails.getByText(/"prompt_tokens_details"/).waitFor();
    await page.getByTestId('prompt-view').getByText('UI e2e stream').waitFor();
    await page.getByRole('tab', { name: 'Response' }).click();
    await page.getByTestId('events-view').first().waitFor();
    await screenshot(page, '10-log-detail');

    await page.getByRole('link', { name: 'Open in playground' }).click();
    await page.getByRole('button', { name: '▷ Run' }).click();
    await page.getByTestId('playground-text').getByText('Echo: UI e2e stream').waitFor();
    await screenshot(page, '11-playground');

    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByTestId('home-summary').waitFor();
    await page.getByTestId('call-health').getByText(provider).first().waitFor();
    await screenshot(page, '12-home');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports models and imports a changed copy, upgrades a provider’s target model, applies a pricing suggestion', async () => {
    const { context, page, errors } = await openPage(browser);
    const base = gatewayUrl();
    const provider = unique('ui-bulk-prov');
    const model = unique('ui-xfer');
    const target = unique('mock-model-v2');
    const p = await adminCall('POST', '/providers', {
      name: provider,
      base_url: `${mockUrl()}/p/${provider}/v1`,
      protocol: 'openai',
    });
    await adminCall('POST', '/models', { requested_model: model });
    await adminCall('POST', '/model-providers', {
      requested_model: model,
      provider_id: p.id,
      target_model_name: 'mock-model',
      priority: 5,
    });

    const copy = await exportAndImportModels(page, base, model);
    await bulkUpgrade(page, base, provider, [model, copy], target);
    await expectUpgradedLink(page, base, copy, provider, target);

    const fresh = unique('ui-suggest');
    await adminCall('POST', '/models', { requested_model: fresh });
    await applyPricingSuggestion(page, base, fresh, provider, target);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks each cloud preset for its own credential: a service-account JSON key, Bedrock keys, none for Workers AI', async () => {
    const { context, page, errors } = await openPage(browser);
    const name = unique('ui-vertex');
    await page.goto(`${gatewayUrl()}/providers`);
    await page.getByRole('button', { name: '+ Add provider' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByLabel(/^Protocol/).selectOption('workers_ai');
    await dialog.getByText('No key needed').waitFor();
    expect(await dialog.locator('[name="api_key"]').count()).toBe(0);
    await dialog.getByLabel(/^Protocol/).selectOption('bedrock_anthropic');
    expect(await dialog.getByLabel(/^Bedrock API key, or AWS access keys/).evaluate((e) => e.tagName)).toBe(
      'TEXTAREA',
    );
    await dialog.getByLabel(/^Protocol/).selectOption('vertex_gemini');
    expect(await dialog.getByLabel(/^Base URL/).inputValue()).toMatch(
      /aiplatform\.googleapis\.com\/.*\/publishers\/google$/,
    );
    const key = await fetch(
      `${mockUrl()}/__mock/vertex/service-account?provider=${name}&origin=${encodeURIComponent(mockUrl())}`,
    );
    const serviceAccount = JSON.stringify(await key.json(), null, 2);
    await dialog.getByLabel(/^Service-account JSON key/).fill(serviceAccount);
    await screenshot(page, '15-provider-service-account');
    await dialog
      .getByLabel(/^Base URL/)
      .fill(`${mockUrl()}/p/${name}/v1/projects/p/locations/l/publishers/google`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('providers-table').getByText(name, { exact: true }).waitFor();
    const saved = (await adminCall('GET', `/providers?name=${name}`)).items as Record<string, unknown>[];
    expect(saved[0]).toMatchObject({ protocol: 'vertex_gemini', has_api_key: true });
    expect(JSON.stringify(saved[0])).not.toContain('PRIVATE KEY');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to 简体中文 and back, and between light and dark, remembering both', async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${gatewayUrl()}/models`);
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await page.getByTestId('locale-select').selectOption('zh');
    await page.getByRole('heading', { name: '模型' }).waitFor();
    await page.getByRole('link', { name: '供应商' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '模型' }).waitFor();
    await screenshot(page, '13-models-zh');
    await page.getByTestId('locale-select').selectOption('en');
    await page.getByRole('heading', { name: 'Models' }).waitFor();

    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.getByTestId('theme-toggle').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.goto(`${gatewayUrl()}/logs`);
    await page.getByTestId('log-timeline').waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, '14-logs-dark');
    await page.getByTestId('theme-toggle').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(errors).toEqual([]);
    await context.close();
  });
});
