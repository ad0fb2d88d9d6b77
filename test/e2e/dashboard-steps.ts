// UI steps for the dashboard end-to-end suite: each drives the real pages the way a user would.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the element's text matches, re-reading it (the UI updates asynchronously). */
export async function expectText(page: Page, selector: string, pattern: RegExp): Promise<void> {
  await page.locator(selector).filter({ hasText: pattern }).first().waitFor();
}

export async function signIn(page: Page, baseUrl: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('home-summary').waitFor();
}

/** Creates a provider on the mock upstream; checks the preset URL and a validation message on the way. */
export async function createProvider(
  page: Page,
  baseUrl: string,
  name: string,
  upstreamUrl: string,
): Promise<void> {
  await page.goto(`${baseUrl}/providers`);
  await page.getByRole('button', { name: '+ Add provider' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Name/).fill(name);
  await dialog.getByLabel(/^Protocol/).selectOption('anthropic');
  expect(await dialog.getByLabel(/^Base URL/).inputValue()).toBe('https://api.anthropic.com/v1');
  await dialog.getByLabel(/^Protocol/).selectOption('openai');
  expect(await dialog.getByLabel(/^Base URL/).inputValue()).toBe('https://api.openai.com/v1');
  await dialog.getByLabel(/^Base URL/).fill('not a url');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('Enter an http:// or https:// URL.').waitFor();
  // Passes the form's check, fails the Worker's: the API names the field, the form shows it there.
  await dialog.getByLabel(/^Base URL/).fill('https://user:pw@example.com/v1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog
    .locator('.field-invalid')
    .filter({ has: page.locator('input[name="base_url"]') })
    .getByText('base_url must not contain credentials')
    .waitFor();
  await dialog.getByLabel(/^Base URL/).fill(upstreamUrl);
  await dialog.getByLabel(/^API key/).fill(`sk-e2e-${name}`);
  await dialog.getByRole('button', { name: '+ Add row' }).click();
  await dialog.getByRole('textbox', { name: 'Header' }).fill('x-e2e-header');
  await dialog.getByRole('textbox', { name: 'Value' }).fill('from-the-dashboard');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('providers-table').getByText(name, { exact: true }).waitFor();
}

/** Runs the connection test of a provider row and waits for its model list. */
export async function testProvider(page: Page, name: string): Promise<void> {
  const row = page.getByTestId('providers-table').getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: 'Test' }).click();
  await page
    .getByTestId('connection-result')
    .getByText(/Connected: \d+ models/)
    .waitFor();
}

/** Creates a model priced per token; the dialog lands on its detail page. */
export async function createModel(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/models`);
  await page.getByRole('button', { name: '+ Add model' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Model name/).fill(name);
  await dialog.getByLabel(/^Billing mode/).selectOption('token_flat');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('This field is required.').first().waitFor();
  await dialog.getByLabel(/^Input price/).fill('2.5');
  await dialog.getByLabel(/^Output price/).fill('10');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/models\/detail\?model=/);
  await page.getByRole('heading', { name }).waitFor();
}

/** Links the provider to the open model: target picked from the provider's list, one rule. */
export async function addLink(page: Page, provider: string): Promise<void> {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Provider/).selectOption({ label: `${provider} (openai)` });
  await dialog.getByRole('button', { name: 'Pick from provider' }).click();
  const picker = page.getByRole('dialog').filter({ hasText: `Models of "${provider}"` });
  await picker.getByRole('button', { name: 'mock-model', exact: true }).click();
  await picker.waitFor({ state: 'detached' });
  expect(await dialog.getByLabel(/^Target model/).inputValue()).toBe('mock-model');
  await dialog.getByLabel(/^Weight/).fill('3');
  await dialog.getByRole('button', { name: '+ Add rule' }).click();
  const rules = dialog.getByTestId('rule-builder');
  await rules
    .getByRole('combobox', { name: 'Field, e.g. headers.x-priority' })
    .fill('token_usage.input_tokens');
  await rules.getByRole('combobox', { name: 'Operator' }).selectOption('lt');
  await rules.getByRole('textbox', { name: 'Value' }).fill('100000');
  await rules.getByRole('button', { name: 'Any rule (OR)' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByTestId('links-table').getByRole('row').filter({ hasText: provider });
  await row.getByText('1 rule(s), OR').waitFor();
  await row.getByText('mock-model').waitFor();
}

/** Creates a key and reads it from the one-time reveal. */
export async function createKey(page: Page, baseUrl: string, name: string): Promise<string> {
  await page.goto(`${baseUrl}/api-keys`);
  await page.getByRole('button', { name: '+ Create key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Name/).fill(name);
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const reveal = page.getByRole('dialog').filter({ hasText: 'Copy your new key' });
  const key = await reveal.getByTestId('revealed-key').inputValue();
  expect(key).toMatch(/^lgw-[0-9a-f]{32}$/);
  expect(await reveal.getByRole('button', { name: 'Done' }).isDisabled()).toBe(true);
  await reveal.getByLabel(/^I have saved the key/).check();
  await reveal.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('cell', { name, exact: true }).waitFor();
  return key;
}

/** Refreshes the logs list until it shows at least `count` rows (records reach D1 through the queue). */
export async function waitForLogRows(page: Page, count: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await page.getByTestId('log-row').count()) < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} log rows after ${timeoutMs} ms`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(500);
  }
}

/** Pauses the provider's link for an hour, checks the badge, then resumes it. */
export async function pauseAndResume(page: Page, provider: string): Promise<void> {
  const row = page.getByTestId('links-table').getByRole('row').filter({ hasText: provider });
  await row.getByRole('button', { name: 'Availability ▾' }).click();
  await page.getByRole('menuitem', { name: 'Pause for a while…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '1h', exact: true }).click();
  await row.getByText(/Paused · (1h 0m|60m|59m) left/).waitFor();
  await row.getByRole('button', { name: 'Availability ▾' }).click();
  await page.getByRole('menuitem', { name: 'Resume now' }).click();
  await row.getByText('Available', { exact: true }).waitFor();
}

/** Runs the model test (a real request through the gateway) and waits for the answer. */
export async function runModelTest(page: Page, provider: string): Promise<void> {
  await page.getByRole('button', { name: 'Model test' }).click();
  await page.getByRole('button', { name: 'Run test' }).click();
  const result = page.getByTestId('model-test-result');
  await result.getByText(provider).waitFor();
  await result.getByText(/Echo:/).waitFor();
}
