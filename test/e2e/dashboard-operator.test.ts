// The operator's pages in real Chromium against `wrangler dev`: the audit log with masked secrets, running
// requests cancelled from the logs page, and the MCP flag in the key form.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import {
  adminCall,
  gatewayUrl,
  mockUrl,
  plantSecret,
  queueFaults,
  setupGateway,
  unique,
} from './support/gateway.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the operator pages of the dashboard', () => {
  it('shows an admin change in the audit log with the provider key masked', async () => {
    const secret = `sk-ui-audit-${unique('k')}`;
    plantSecret(secret);
    const name = unique('ui-audit');
    const p = await adminCall('POST', '/providers', {
      name,
      base_url: `${mockUrl()}/p/${name}/v1`,
      protocol: 'openai',
      api_key: secret,
    });
    await adminCall('PUT', `/providers/${p.id}`, { remark: 'changed in the audit test' });
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${gatewayUrl()}/audit?target_type=provider&target_id=${p.id}`);
    const row = page.getByTestId('audit-row').filter({ hasText: 'provider.update' });
    await row.getByText('remark').waitFor();
    await row.click();
    await page.getByText('"changed in the audit test"').waitFor();
    await screenshot(page, '20-audit-log');
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByText(/"\*\*\* \(/).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists a running request on the logs page and cancels it with the Cancel button', async () => {
    const g = await setupGateway([{}]);
    await queueFaults(g.providers[0]!.name, [{ delayMs: 20_000 }]);
    const pending = fetch(`${gatewayUrl()}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: g.model, messages: [{ role: 'user', content: 'slow' }] }),
    });
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${gatewayUrl()}/logs`);
    const row = page.getByTestId('in-flight-row').filter({ hasText: g.model });
    await row.waitFor({ timeout: 15_000 });
    await screenshot(page, '21-running-requests');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('confirm-ok').click();
    const res = await pending;
    expect(res.status).toBe(499);
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sets the MCP flag from the key form', async () => {
    const { context, page, errors } = await openPage(browser);
    const name = unique('ui-mcp-key');
    await page.goto(`${gatewayUrl()}/api-keys`);
    await page.getByRole('button', { name: '+ Create key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByText(/May manage the gateway through MCP/).click();
    expect(await dialog.getByRole('switch', { name: /May manage the gateway through MCP/ }).isChecked()).toBe(
      true,
    );
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const reveal = page.getByRole('dialog').filter({ hasText: 'Copy your new key' });
    plantSecret(await reveal.getByTestId('revealed-key').inputValue());
    await reveal.getByLabel(/^I have saved the key/).check();
    await reveal.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row').filter({ hasText: name }).getByText('MCP admin').waitFor();
    const list = (await adminCall('GET', '/api-keys?page_size=1000')) as {
      items: { key_name: string; is_mcp_admin: boolean }[];
    };
    expect(list.items.find((k) => k.key_name === name)?.is_mcp_admin).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
