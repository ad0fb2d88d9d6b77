// Finding 9 of the security probe: the dashboard is served with security headers, runs under its CSP,
// and loads no remote image from a logged prompt until the admin clicks it.
import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.ts';
import { adminCall, gatewayUrl, mockUrl, setupGateway, unique } from './support/gateway.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function mockHits(provider: string): Promise<number> {
  const res = await fetch(`${mockUrl()}/__mock/requests?provider=${provider}`);
  return ((await res.json()) as { requests: unknown[] }).requests.length;
}

describe('finding 9: dashboard security headers and remote images', () => {
  it('serves every dashboard path with the CSP, nosniff and no-referrer', async () => {
    for (const path of ['/', '/logs', '/providers/anything']) {
      const res = await fetch(`${gatewayUrl()}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data:");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('runs under its CSP without a violation, and a logged remote image loads only on click', async () => {
    const g = await setupGateway([{}]);
    const probe = unique('img-probe');
    const imageUrl = `${mockUrl()}/p/${probe}/pixel.png`;
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: g.key });
    const res = await client.chat.completions
      .create({
        model: g.model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is in this picture?' },
              { type: 'image_url', image_url: { url: imageUrl } },
            ],
          },
        ],
      })
      .withResponse();
    const traceId = res.response.headers.get('x-gateway-trace-id');
    const { context, page, errors } = await openPage(browser);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    for (const path of ['/', '/providers', '/models', '/api-keys', '/playground']) {
      await page.goto(`${gatewayUrl()}${path}`);
      await page.waitForLoadState('networkidle');
    }
    let logId: string | undefined;
    for (let i = 0; i < 40 && !logId; i++) {
      const list = await adminCall('GET', `/logs?trace_id=${traceId}`);
      logId = (list.items as { id: string; kind: string }[] | undefined)?.[0]?.id;
      if (!logId) await new Promise((r) => setTimeout(r, 250));
    }
    await page.goto(`${gatewayUrl()}/logs/${logId}`);
    const link = page.getByRole('link', { name: /Remote image from/ });
    await link.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await mockHits(probe)).toBe(0);
    const popup = context.waitForEvent('page');
    await link.click();
    await (await popup).waitForLoadState();
    expect(await mockHits(probe)).toBe(1);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
