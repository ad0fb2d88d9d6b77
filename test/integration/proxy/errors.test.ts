import { describe, expect, it } from 'vitest';
import { mockBase, queueFaults, setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';

const openai = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
const anthropic = (key: string) => ({
  'x-api-key': key,
  'content-type': 'application/json',
  'anthropic-version': '2023-06-01',
});

function expectOpenAiError(json: Record<string, unknown>, code: string) {
  expect(json).toMatchObject({ error: { code, type: expect.any(String), message: expect.any(String) } });
}

function expectAnthropicError(json: Record<string, unknown>, type: string) {
  expect(json).toMatchObject({ type: 'error', error: { type, message: expect.any(String) } });
}

describe('bad input gets the documented status in the caller’s envelope', () => {
  it('malformed JSON → 400 (OpenAI and Anthropic envelopes)', async () => {
    const g = await setupGateway([{}]);
    const a = await call('POST', '/v1/chat/completions', { raw: '{"model": "x",', headers: openai(g.key) });
    expect(a.status).toBe(400);
    expectOpenAiError(a.json, 'invalid_json');
    const b = await call('POST', '/v1/messages', { raw: '{"model": ', headers: anthropic(g.key) });
    expect(b.status).toBe(400);
    expectAnthropicError(b.json, 'invalid_request_error');
  });

  it('wrong content type → 415, array body → 400, missing model → 400', async () => {
    const g = await setupGateway([{}]);
    const type = await call('POST', '/v1/chat/completions', {
      raw: 'model=x',
      headers: { authorization: `Bearer ${g.key}`, 'content-type': 'text/plain' },
    });
    expect(type.status).toBe(415);
    expectOpenAiError(type.json, 'unsupported_media_type');
    const array = await call('POST', '/v1/chat/completions', { raw: '[1,2]', headers: openai(g.key) });
    expect(array.status).toBe(400);
    expectOpenAiError(array.json, 'invalid_request');
    const missing = await call('POST', '/v1/messages', { body: { messages: [] }, headers: anthropic(g.key) });
    expect(missing.status).toBe(400);
    expectAnthropicError(missing.json, 'invalid_request_error');
  });

  it('unknown model → 404, bad or missing key → 401', async () => {
    const g = await setupGateway([{}]);
    const unknown = await call('POST', '/v1/chat/completions', {
      body: { model: 'no-such-model' },
      headers: openai(g.key),
    });
    expect(unknown.status).toBe(404);
    expectOpenAiError(unknown.json, 'model_not_found');
    const bad = await call('POST', '/v1/messages', {
      body: { model: g.model },
      headers: anthropic('lgw-wrong'),
    });
    expect(bad.status).toBe(401);
    expectAnthropicError(bad.json, 'authentication_error');
    const none = await call('POST', '/v1/chat/completions', { body: { model: g.model } });
    expect(none.status).toBe(401);
    expectOpenAiError(none.json, 'invalid_api_key');
  });

  it('a disabled or expired key → 401 with its own code', async () => {
    const g = await setupGateway([{}]);
    const created = await admin.post('/api-keys', { key_name: `off-${Date.now()}` });
    await admin.put(`/api-keys/${created.json.id}`, { is_active: false });
    const off = await call('POST', '/v1/chat/completions', {
      body: { model: g.model },
      headers: openai(created.json.key_value as string),
    });
    expect(off.status).toBe(401);
    expectOpenAiError(off.json, 'api_key_disabled');
    const old = await admin.post('/api-keys', {
      key_name: `old-${Date.now()}`,
      expires_at: '2020-01-01T00:00:00Z',
    });
    const expired = await call('POST', '/v1/chat/completions', {
      body: { model: g.model },
      headers: openai(old.json.key_value as string),
    });
    expectOpenAiError(expired.json, 'api_key_expired');
  });

  it('oversized body → 413', async () => {
    const g = await setupGateway([{}]);
    const big = JSON.stringify({
      model: g.model,
      messages: [{ role: 'user', content: 'x'.repeat(11 * 1024 * 1024) }],
    });
    const res = await call('POST', '/v1/chat/completions', { raw: big, headers: openai(g.key) });
    expect(res.status).toBe(413);
    expectOpenAiError(res.json, 'payload_too_large');
  });

  it('no active provider → 503; a disabled model → 503', async () => {
    const g = await setupGateway([{}]);
    await admin.put(`/model-providers/${g.providers[0]!.linkId}`, { is_active: false });
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model },
      headers: openai(g.key),
    });
    expect(res.status).toBe(503);
    expectOpenAiError(res.json, 'no_available_provider');
    await admin.put(`/models/${g.model}`, { is_active: false });
    const off = await call('POST', '/v1/messages', { body: { model: g.model }, headers: anthropic(g.key) });
    expect(off.status).toBe(503);
    expectAnthropicError(off.json, 'api_error');
  });
});

describe('upstream failures', () => {
  it('relays an upstream 400 with its status and body', async () => {
    const g = await setupGateway([{}]);
    await queueFaults(g.providers[0]!.name, [{ status: 400 }]);
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'x' }] },
      headers: openai(g.key),
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { message: expect.any(String) } });
  });

  it('a provider that cannot be reached → 502 with a JSON body', async () => {
    const g = await setupGateway([{}]);
    await admin.put(`/providers/${g.providers[0]!.id}`, { base_url: 'http://127.0.0.1:1/v1' });
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'x' }] },
      headers: openai(g.key),
    });
    expect(res.status).toBe(502);
    expectOpenAiError(res.json, 'upstream_unreachable');
  });

  it('a provider that never answers → 504 with a JSON body in the Anthropic envelope', async () => {
    const g = await setupGateway([{ protocol: 'anthropic', timeoutSeconds: 1 }]);
    await queueFaults(g.providers[0]!.name, [{ timeout: true }, { timeout: true }, { timeout: true }]);
    const res = await call('POST', '/v1/messages', {
      body: { model: g.model, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] },
      headers: anthropic(g.key),
    });
    expect(res.status).toBe(504);
    expectAnthropicError(res.json, 'api_error');
    expect(mockBase('x')).toContain('/p/x/v1');
  });
});
