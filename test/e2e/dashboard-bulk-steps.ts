// UI steps for the dashboard's bulk tools: models export/import, a provider's target-model upgrade, and
// pricing suggestions in the link form.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './support/browser.ts';

/** Exports models through the UI, imports a copy under a new name plus one bad entry; returns the copy's name. */
export async function exportAndImportModels(page: Page, baseUrl: string, model: string): Promise<string> {
  await page.goto(`${baseUrl}/models`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^models-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as Record<string, unknown>[];
  const mine = exported.find((m) => m.requested_model === model);
  expect(mine).toMatchObject({ providers: [{ target_model_name: 'mock-model', priority: 5 }] });
  const copy = `${model}-copy`;
  const bad = {
    ...mine,
    requested_model: `${model}-bad`,
    providers: [{ provider_name: 'no-such-provider', target_model_name: 'x' }],
  };
  const file = path.join(tmpdir(), `${copy}.json`);
  writeFileSync(file, JSON.stringify([{ ...mine, requested_model: copy, strategy: 'priority' }, mine, bad]));
  await page.getByTestId('import-file').setInputFiles(file);
  const result = page.getByTestId('import-result');
  await result.getByText('Created 1, skipped 1 existing, 1 failed.').waitFor();
  await result.getByText(/no-such-provider/).waitFor();
  await screenshot(page, '15-models-import');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.goto(`${baseUrl}/models?requested_model=${copy}`);
  const row = page.getByTestId('models-table').getByRole('row').filter({ hasText: copy });
  await row.getByText('Priority', { exact: true }).waitFor();
  return copy;
}

/** From the provider's "used by" dialog, moves every link on `mock-model` to `newTarget` at new prices. */
export async function bulkUpgrade(
  page: Page,
  baseUrl: string,
  provider: string,
  models: string[],
  newTarget: string,
) {
  await page.goto(`${baseUrl}/providers?name=${provider}`);
  const row = page.getByTestId('providers-table').getByRole('row').filter({ hasText: provider });
  await row.getByRole('button', { name: `${models.length} link(s)` }).click();
  const usage = page.getByRole('dialog', { name: `Models using "${provider}"` });
  await usage
    .getByTestId('usage-group')
    .filter({ hasText: 'mock-model' })
    .getByRole('button', { name: 'Upgrade' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Upgrade target model "mock-model"' });
  for (const m of models)
    await dialog.getByTestId('upgrade-affected').getByText(m, { exact: true }).waitFor();
  await dialog.getByLabel(/^New target model/).fill(newTarget);
  await dialog.getByText('Also replace the billing of these links').click();
  await dialog.getByLabel(/^Billing mode/).selectOption('token_flat');
  await dialog.getByLabel(/^Input price/).fill('3');
  await dialog.getByLabel(/^Output price/).fill('6');
  await dialog.getByText('Bill cached tokens separately').click();
  await dialog.getByLabel(/^Cache read price/).fill('0.3');
  await screenshot(page, '16-bulk-upgrade');
  await dialog.getByRole('button', { name: `Upgrade ${models.length} link(s)` }).click();
  await dialog.getByTestId('upgrade-result').getByText(`Updated ${models.length} link(s).`).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await usage.getByTestId('usage-group').filter({ hasText: newTarget }).waitFor();
  await screenshot(page, '17-provider-usage');
  await usage.getByRole('button', { name: 'Close' }).click();
}

/** The model detail shows the link's new target and prices; its 7-day numbers ask for the exact model. */
export async function expectUpgradedLink(
  page: Page,
  baseUrl: string,
  model: string,
  provider: string,
  target: string,
) {
  const exact = (u: URL) => u.searchParams.get('model') === model && !u.searchParams.has('requested_model');
  const stats = page.waitForRequest((r) => r.url().includes('/models/stats?') && exact(new URL(r.url())));
  const calls = page.waitForRequest((r) => r.url().includes('/logs/stats?') && exact(new URL(r.url())));
  await page.goto(`${baseUrl}/models/detail?model=${encodeURIComponent(model)}`);
  await Promise.all([stats, calls]);
  const row = page.getByTestId('links-table').getByRole('row').filter({ hasText: provider });
  await row.getByText(target, { exact: true }).waitFor();
  await row.getByText('Token $3 / $6 per 1M · cache read $0.3, write —').waitFor();
  await screenshot(page, '18-model-upgraded');
}

/** Adds a link to `target` and fills its billing from the pricing suggestion of `provider`. */
export async function applyPricingSuggestion(
  page: Page,
  baseUrl: string,
  model: string,
  provider: string,
  target: string,
) {
  await page.goto(`${baseUrl}/models/detail?model=${encodeURIComponent(model)}`);
  await page.getByRole('button', { name: '+ Add provider' }).click();
  const dialog = page.getByRole('dialog', { name: `Add a provider to "${model}"` });
  await dialog.getByLabel(/^Provider/).selectOption({ label: `${provider} (openai)` });
  await dialog.getByLabel(/^Target model/).fill(target.toUpperCase());
  // Escape closes only the suggestions, not the link form under them.
  await dialog.getByRole('button', { name: 'Load pricing suggestions' }).click();
  await page.getByTestId('pricing-suggestions').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('pricing-suggestions').waitFor({ state: 'detached' });
  await dialog.getByRole('button', { name: 'Load pricing suggestions' }).click();
  const suggestions = page.getByRole('dialog', { name: `Pricing used for "${target.toUpperCase()}"` });
  const row = suggestions.getByRole('row').filter({ hasText: provider });
  await row.getByText('The link’s own price').waitFor();
  await screenshot(page, '19-pricing-suggestions');
  await row.getByRole('button', { name: 'Apply' }).click();
  await suggestions.waitFor({ state: 'detached' });
  expect(await dialog.getByLabel(/^Billing mode/).inputValue()).toBe('token_flat');
  expect(await dialog.getByLabel(/^Input price/).inputValue()).toBe('3');
  expect(await dialog.getByLabel(/^Output price/).inputValue()).toBe('6');
  expect(await dialog.getByLabel(/^Cache read price/).inputValue()).toBe('0.3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const link = page.getByTestId('links-table').getByRole('row').filter({ hasText: provider });
  await link.getByText(/^Token \$3 \/ \$6 per 1M/).waitFor();
}
