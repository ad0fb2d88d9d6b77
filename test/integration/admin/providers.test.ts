import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { decryptProviderHeaders } from '../../../worker/config/provider-secrets';
import { admin, call, unique } from '../support/http';

const SECRET = 'sk-test-provider-secret-0123456789abcdef';

async function createProvider(extra: Record<string, unknown> = {}) {
  const res = await admin.post('/providers', {
    name: unique('prov'),
    base_url: 'https://api.example.com/v1',
    protocol: 'openai',
    api_key: SECRET,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.json as { id: number; name: string; api_key: string };
}

describe('providers: happy path', () => {
  it('creates a provider and never returns its key in clear', async () => {
    const p = await createProvider({
      extra_headers: { 'x-org': 'acme', 'api-key': 'azure-secret-value-123' },
    });
    expect(p.api_key).toBe('sk-t***...***ef');
    const got = await admin.get(`/providers/${p.id}`);
    expect(got.status).toBe(200);
    expect(got.text).not.toContain(SECRET);
    expect(got.text).not.toContain('azure-secret-value-123');
    // Every extra header value is masked like the key (SPEC §20): custom auth schemes hide secrets there.
    expect(got.json.extra_headers).toMatchObject({ 'x-org': '***' });
  });

  it('stores the key encrypted, bound to the provider id', async () => {
    const p = await createProvider();
    const row = await env.DB.prepare('select api_key from providers where id = ?')
      .bind(p.id)
      .first<{ api_key: string }>();
    expect(row?.api_key).toMatch(/^enc:v1:/);
    expect(row?.api_key).not.toContain(SECRET);
  });

  it('lists with pagination and filters', async () => {
    const a = await createProvider({ protocol: 'anthropic', base_url: 'https://api.anthropic.com/v1' });
    const res = await admin.get(`/providers?page=1&page_size=1&protocol=anthropic&name=${a.name}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: 1, page: 1, page_size: 1 });
    expect((res.json.items as { id: number }[])[0]?.id).toBe(a.id);
  });

  it('updates partially: a blank api_key is not sent so the key is kept', async () => {
    const p = await createProvider();
    const res = await admin.put(`/providers/${p.id}`, { remark: 'primary', response_timeout_seconds: 30 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      remark: 'primary',
      response_timeout_seconds: 30,
      api_key: 'sk-t***...***ef',
    });
  });

  it('keeps a secret header when the masked value is sent back unchanged', async () => {
    const p = await createProvider({ extra_headers: { 'api-key': 'azure-secret-value-123' } });
    const masked = (await admin.get(`/providers/${p.id}`)).json.extra_headers as Record<string, string>;
    await admin.put(`/providers/${p.id}`, { extra_headers: masked });
    const row = await env.DB.prepare('select extra_headers from providers where id = ?')
      .bind(p.id)
      .first<{ extra_headers: string }>();
    const stored = JSON.parse(row?.extra_headers ?? '{}') as Record<string, string>;
    expect(stored['api-key']).toMatch(/^enc:v1:/);
    const clear = await decryptProviderHeaders(env.ENCRYPTION_KEY as string, {
      id: p.id,
      extraHeaders: stored,
    });
    expect(clear).toEqual({ 'api-key': 'azure-secret-value-123' });
  });

  it('serves the protocol catalogue and the sorted name list', async () => {
    const protocols = await admin.get('/providers/protocols');
    expect(protocols.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ protocol: 'deepseek', implementation: 'openai' })]),
    );
    await createProvider({ name: unique('Zeta') });
    const names = (await admin.get('/providers/names')).json as unknown as { name: string }[];
    const sorted = [...names].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    expect(names.map((n) => n.name)).toEqual(sorted.map((n) => n.name));
  });

  it('exports without secrets', async () => {
    await createProvider();
    const res = await admin.get('/providers/export');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('"api_key"');
  });

  it('deletes an unused provider', async () => {
    const p = await createProvider();
    expect((await admin.del(`/providers/${p.id}`)).status).toBe(204);
    expect((await admin.get(`/providers/${p.id}`)).status).toBe(404);
  });
});

describe('providers: errors', () => {
  it('rejects a duplicate name with 409', async () => {
    const p = await createProvider();
    const res = await admin.post('/providers', {
      name: p.name,
      base_url: 'https://x.example/v1',
      protocol: 'openai',
    });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: { code: 'duplicate_name' } });
  });

  it('rejects invalid payloads with 400 and field details', async () => {
    const res = await admin.post('/providers', { name: '', base_url: 42, protocol: 'nope' });
    expect(res.status).toBe(400);
    const error = res.json.error as { code: string; details: { field: string }[] };
    expect(error.code).toBe('validation_error');
    expect(error.details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['name', 'base_url', 'protocol']),
    );
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await call('POST', '/api/admin/providers', {
      raw: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'validation_error' } });
  });

  it('answers 404 for unknown ids and non-numeric ids', async () => {
    expect((await admin.get('/providers/999999')).status).toBe(404);
    expect((await admin.get('/providers/abc')).status).toBe(404);
    expect((await admin.put('/providers/999999', { remark: 'x' })).status).toBe(404);
    expect((await admin.del('/providers/999999')).status).toBe(404);
  });

  it('refuses to delete a provider in use with 409', async () => {
    const p = await createProvider();
    const model = unique('m');
    await admin.post('/models', { requested_model: model });
    await admin.post('/model-providers', {
      requested_model: model,
      provider_id: p.id,
      target_model_name: 't',
    });
    const res = await admin.del(`/providers/${p.id}`);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: { code: 'provider_in_use' } });
  });
});

describe('providers: list extras and field errors', () => {
  it('counts the links that use each provider', async () => {
    const p = await createProvider();
    const model = unique('lc');
    await admin.post('/models', { requested_model: model });
    await admin.post('/model-providers', {
      requested_model: model,
      provider_id: p.id,
      target_model_name: 'a',
    });
    await admin.post('/model-providers', {
      requested_model: model,
      provider_id: p.id,
      target_model_name: 'b',
    });
    const res = await admin.get(`/providers?name=${p.name}`);
    expect((res.json.items as { link_count: number }[])[0]?.link_count).toBe(2);
  });

  it('says which field a single-field error is about', async () => {
    const res = await admin.post('/models', { requested_model: unique('bill'), billing_mode: 'per_request' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: {
        code: 'validation_error',
        details: [{ field: 'per_request_price', message: expect.any(String) }],
      },
    });
  });
});
