import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_VARS } from './global-setup.ts';
import {
  adminCall,
  gatewayUrl,
  mockUrl,
  plantSecret,
  queueFaults,
  setupGateway,
  unique,
} from './support/gateway.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.ts';

// The shared gateway runs with MCP writes off; this one turns them on and exports OTLP to the mock.
let writable: WranglerDev;

beforeAll(async () => {
  writable = await startWranglerDev({
    ...E2E_VARS,
    MCP_ALLOW_WRITE: 'true',
    OTEL_EXPORTER_OTLP_ENDPOINT: `${mockUrl()}/otlp/e2e`,
    OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20otlp-e2e-token',
  });
});

afterAll(async () => {
  await writable?.stop();
});

async function mcpKey(base: string, isMcpAdmin = true): Promise<{ id: number; value: string }> {
  const res = await fetch(`${base}/api/admin/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key_name: unique('mcp-e2e'), is_mcp_admin: isMcpAdmin }),
  });
  const body = (await res.json()) as { id: number; key_value: string };
  plantSecret(body.key_value);
  return { id: body.id, value: body.key_value };
}

async function connect(base: string, key: string): Promise<Client> {
  const client = new Client({ name: 'operator-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

function toolJson(result: unknown): Record<string, unknown> {
  const [first] = (result as { content: { text: string }[] }).content;
  return JSON.parse(first?.text ?? 'null') as Record<string, unknown>;
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('MCP server (official SDK client, wrangler dev)', () => {
  it('lists the tools and reads through the admin plane with the provider key redacted', async () => {
    const secret = `sk-mcp-e2e-${unique('secret')}`;
    plantSecret(secret);
    const provider = await adminCall('POST', '/providers', {
      name: unique('mcp-e2e-prov'),
      base_url: `${mockUrl()}/p/mcp/v1`,
      protocol: 'openai',
      api_key: secret,
    });
    const client = await connect(gatewayUrl(), (await mcpKey(gatewayUrl())).value);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['list_providers', 'create_model', 'cancel_request']),
    );
    const result = await client.callTool({ name: 'get_provider', arguments: { id: provider.id } });
    expect(toolJson(result)).toMatchObject({ id: provider.id, api_key: '[redacted]' });
    expect(JSON.stringify(result)).not.toContain(secret);
    await client.close();
  });

  it('refuses a write while MCP_ALLOW_WRITE is off', async () => {
    const client = await connect(gatewayUrl(), (await mcpKey(gatewayUrl())).value);
    const model = unique('mcp-refused');
    const result = await client.callTool({ name: 'create_model', arguments: { requested_model: model } });
    expect(result.isError).toBe(true);
    expect(toolJson(result)).toMatchObject({ error: { code: 'mcp_write_disabled' } });
    expect((await fetch(`${gatewayUrl()}/api/admin/models/${model}`)).status).toBe(404);
    await client.close();
  });

  it('refuses a key without is_mcp_admin', async () => {
    const plain = await mcpKey(gatewayUrl(), false);
    await expect(connect(gatewayUrl(), plain.value)).rejects.toThrow(/403|forbidden|is_mcp_admin/i);
  });

  it('writes with MCP_ALLOW_WRITE, and the audit log names the key', async () => {
    const key = await mcpKey(writable.url);
    const client = await connect(writable.url, key.value);
    const model = unique('mcp-written');
    const result = await client.callTool({
      name: 'create_model',
      arguments: { requested_model: model, strategy: 'priority' },
    });
    expect(result.isError).toBeFalsy();
    const got = await fetch(`${writable.url}/api/admin/models/${model}`);
    expect(await got.json()).toMatchObject({ requested_model: model, strategy: 'priority' });
    const audit = (await (
      await fetch(`${writable.url}/api/admin/audit?action=model.create&target_id=${model}`)
    ).json()) as {
      items: { actor_type: string; actor_key_id: number }[];
    };
    expect(audit.items).toMatchObject([{ actor_type: 'mcp', actor_key_id: key.id }]);
    await client.close();
  });
});

describe('running requests (OpenAI SDK, wrangler dev)', () => {
  it('lists a slow request and cancels it: the SDK gets a 499, the mock sees the hang-up, the log says cancelled', async () => {
    const g = await setupGateway([{}]);
    const provider = g.providers[0]!.name;
    await queueFaults(provider, [{ delayMs: 20_000 }]);
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: g.key, maxRetries: 0 });
    const started = Date.now();
    const pending = client.chat.completions.create({
      model: g.model,
      messages: [{ role: 'user', content: 'slow' }],
    });
    pending.catch(() => {});
    const running = await poll('the request to be listed', async () => {
      const list = (await adminCall('GET', '/logs/in-flight')) as {
        items: { trace_id: string; requested_model: string }[];
      };
      return list.items.find((r) => r.requested_model === g.model);
    });
    expect(await adminCall('POST', `/logs/${running.trace_id}/cancel`)).toMatchObject({
      status: 'cancelling',
    });
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(499);
    expect(Date.now() - started).toBeLessThan(15_000);
    const closed = await poll('the mock to see the hang-up', async () => {
      const res = await fetch(`${mockUrl()}/__mock/requests?provider=${provider}`);
      const { requests } = (await res.json()) as { requests: { clientClosed: boolean }[] };
      return requests[0]?.clientClosed ? true : undefined;
    });
    expect(closed).toBe(true);
    const log = await poll('the cancelled log record', async () => {
      const list = (await adminCall('GET', `/logs?trace_id=${running.trace_id}`)) as {
        items: { response_status: number; error_type: string }[];
      };
      return list.items[0];
    });
    expect(log).toMatchObject({ response_status: 499, error_type: 'cancelled' });
  });
});

describe('audit log (wrangler dev)', () => {
  it('shows an admin change with the provider key masked', async () => {
    const first = `sk-audit-e2e-${unique('first')}`;
    const second = `sk-audit-e2e-${unique('second')}`;
    plantSecret(first);
    plantSecret(second);
    const p = await adminCall('POST', '/providers', {
      name: unique('audit-e2e'),
      base_url: `${mockUrl()}/p/audit/v1`,
      protocol: 'openai',
      api_key: first,
    });
    await adminCall('PUT', `/providers/${p.id}`, { api_key: second, remark: 'rotated' });
    const audit = (await adminCall('GET', `/audit?target_type=provider&target_id=${p.id}`)) as {
      items: { action: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
    };
    const update = audit.items.find((e) => e.action === 'provider.update');
    expect(update?.after).toMatchObject({ remark: 'rotated' });
    expect(String(update?.after.api_key)).toMatch(/^\*\*\*/);
    expect(update?.after.api_key).not.toBe(update?.before.api_key);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
  });
});

describe('OTLP export (wrangler dev, real queue consumer)', () => {
  it('delivers the span of a request to the receiver with the configured headers', async () => {
    const base = writable.url;
    const model = unique('otlp-e2e');
    const pname = unique('otlp-prov');
    await fetch(`${base}/api/admin/models`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requested_model: model }),
    });
    const p = (await (
      await fetch(`${base}/api/admin/providers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: pname, base_url: `${mockUrl()}/p/${pname}/v1`, protocol: 'openai' }),
      })
    ).json()) as { id: number };
    await fetch(`${base}/api/admin/model-providers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requested_model: model, provider_id: p.id, target_model_name: 'gpt-x' }),
    });
    const key = await mcpKey(base, false);
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: key.value, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const traceId = (response.headers.get('x-gateway-trace-id') ?? '').replace(/-/g, '');
    const span = await poll('the span at the receiver', async () => {
      const { accepted } = (await (await fetch(`${mockUrl()}/__mock/otlp`)).json()) as {
        accepted: {
          signal: string;
          headers: Record<string, string>;
          body: { resourceSpans?: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[] };
        }[];
      };
      for (const a of accepted) {
        const spans = (a.body.resourceSpans ?? []).flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
        const hit = spans.find((s) => s.traceId === traceId);
        if (hit) return { hit, headers: a.headers };
      }
      return undefined;
    });
    expect(span.hit.name).toBe(`chat ${model}`);
    expect(span.headers.authorization).toBe('Bearer otlp-e2e-token');
  });
});
