import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../bench/bundle.ts';
import { applyMigrations, gatewayOptions } from '../../bench/gateway.ts';
import { type RunningWorker, startWorker } from '../../bench/miniflare-worker.ts';
import { MOCK_KNOBS, mockUrl, unique } from './support/gateway.ts';

// The gateway under Miniflare directly, without `wrangler dev`'s extra proxy hop. A disconnect is
// noticed when the gateway next writes to the client, which is what happens while a model is still
// generating; the workerd integration test covers cancellation during a silent upstream.
let dir: string;
let gw: RunningWorker;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gw-abort-'));
  gw = await startWorker('gateway', gatewayOptions(await bundleWorker('gateway', dir)));
  await applyMigrations(gw);
});

afterAll(async () => {
  await gw?.mf.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function admin(p: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${gw.url}/api/admin${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function upstreamClosed(provider: string): Promise<boolean> {
  const res = await fetch(`${mockUrl()}/__mock/requests?provider=${provider}`);
  const { requests } = (await res.json()) as { requests: { clientClosed: boolean }[] };
  return requests.length > 0 && requests.every((r) => r.clientClosed);
}

describe('a client that goes away (official SDK, Miniflare)', () => {
  it('cancels the upstream request it was streaming from', async () => {
    const model = unique('abort');
    const provider = unique('abort-prov');
    await admin('/models', { requested_model: model });
    const p = await admin('/providers', {
      name: provider,
      protocol: 'openai',
      base_url: `${mockUrl()}/p/${provider}/v1`,
      provider_options: MOCK_KNOBS,
    });
    await admin('/model-providers', { requested_model: model, provider_id: p.id, target_model_name: 'm' });
    const key = (await admin('/api-keys', { key_name: unique('abort-key') })).key_value as string;
    const client = new OpenAI({
      baseURL: `${gw.url}/v1`,
      apiKey: key,
      maxRetries: 0,
      // The upstream keeps generating for 10 s: a gateway that did not cancel it would read on.
      defaultHeaders: { 'x-mock-chunks': '100', 'x-mock-chunk-gap-ms': '100' },
    });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model, stream: true, messages: [{ role: 'user', content: 'a long story' }] },
      { signal: controller.signal },
    );
    const first = await stream[Symbol.asyncIterator]().next();
    expect(first.done).toBe(false);
    expect(await upstreamClosed(provider)).toBe(false);
    controller.abort();
    let closed = false;
    for (let i = 0; i < 100 && !closed; i++) {
      closed = await upstreamClosed(provider);
      if (!closed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(closed).toBe(true);
  });
});
