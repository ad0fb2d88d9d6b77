import { describe, expect, it } from 'vitest';
import { recorded, setupGateway } from '../support/gateway';
import { call, fetchGateway } from '../support/http';

describe('same-protocol proxy: OpenAI chat', () => {
  it('changes only the model: every other byte reaches the upstream as sent', async () => {
    const g = await setupGateway([{ target: 'upstream-model-1' }]);
    const raw = `{ "messages":[{"role":"user","content":"hi \\u00e9 \\"quoted\\""}],\n  "temperature": 1.50, "model" : "${g.model}", "x_unknown": {"deep": [1, 2.0, 3e2]}, "seed":12 }`;
    const res = await call('POST', '/v1/chat/completions', {
      raw,
      headers: { authorization: `Bearer ${g.key}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.body).toBe(raw.replace(`"${g.model}"`, '"upstream-model-1"'));
  });

  it('authenticates upstream with the provider key and forwards no client credentials, cookies or unlisted headers', async () => {
    const g = await setupGateway([{ apiKey: 'sk-provider-secret-abcdef123456' }]);
    await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hello' }] },
      headers: {
        'x-api-key': g.key,
        cookie: 'session=abc',
        'x-user-id': 'user-7',
        'x-custom-trace': 'kept',
        'x-forwarded-for': '1.2.3.4',
      },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.headers.authorization).toBe('Bearer sk-provider-secret-abcdef123456');
    expect(sent?.headers['x-api-key']).toBeUndefined();
    expect(sent?.headers.cookie).toBeUndefined();
    expect(sent?.headers['x-user-id']).toBeUndefined();
    expect(sent?.headers['x-forwarded-for']).toBeUndefined();
    // Only the protocol's allow-list and the provider's forward_headers reach a provider (SPEC §16, §20).
    expect(sent?.headers['x-custom-trace']).toBeUndefined();
    expect(JSON.stringify(sent?.headers)).not.toContain(g.key);
  });

  it('says which provider and target model served, with retries and a trace id', async () => {
    const g = await setupGateway([{ target: 'tgt-a' }]);
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hello' }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.headers.get('x-gateway-provider')).toBe(g.providers[0]!.name);
    expect(res.headers.get('x-gateway-model')).toBe('tgt-a');
    expect(res.headers.get('x-gateway-retries')).toBe('0');
    expect(res.headers.get('x-gateway-trace-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('streams through without buffering: chunks arrive while the upstream is still open', async () => {
    const g = await setupGateway([{}]);
    // The mock sends two events and then stalls for good: a buffering proxy would deliver nothing.
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}`, 'x-mock-fault': 'stall-after-2' },
      body: { model: g.model, stream: true, messages: [{ role: 'user', content: 'stream please' }] },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = await reader.read();
    const text = new TextDecoder().decode(first.value);
    expect(text).toContain('data: {');
    expect(text).toContain('chat.completion.chunk');
    await reader.cancel();
  });
});

describe('same-protocol proxy: Anthropic messages', () => {
  it('changes only the model and authenticates with x-api-key and a version', async () => {
    const g = await setupGateway([
      { protocol: 'anthropic', target: 'claude-upstream', apiKey: 'sk-ant-secret-0123456789' },
    ]);
    const raw = `{"model":"${g.model}","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"metadata":{"user_id":"u1"}}`;
    const res = await call('POST', '/v1/messages', {
      raw,
      headers: { 'x-api-key': g.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    });
    expect(res.status).toBe(200);
    expect(res.json.type).toBe('message');
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.body).toBe(raw.replace(`"${g.model}"`, '"claude-upstream"'));
    expect(sent?.headers['x-api-key']).toBe('sk-ant-secret-0123456789');
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers.authorization).toBeUndefined();
  });

  it('adds max_tokens 4096 when the client left it out (the API requires it)', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    await call('POST', '/v1/messages', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}`, 'anthropic-version': '2026-10-21' },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(JSON.parse(sent?.body ?? '{}').max_tokens).toBe(4096);
    expect(sent?.headers['anthropic-version']).toBe('2026-10-21');
  });
});

describe('count_tokens', () => {
  it('is answered locally for a valid key, never forwarded', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const body = {
      model: g.model,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'How many tokens is this sentence exactly?' }],
    };
    const res = await call('POST', '/v1/messages/count_tokens', {
      body,
      headers: { 'x-api-key': g.key, 'anthropic-version': '2023-06-01' },
    });
    expect(res.status).toBe(200);
    expect(res.json.input_tokens).toBeGreaterThan(10);
    expect(res.json.input_tokens).toBeLessThan(40);
    expect(await recorded(g.providers[0]!.name)).toHaveLength(0);
    const denied = await call('POST', '/v1/messages/count_tokens', {
      body,
      headers: { 'x-api-key': 'lgw-nope' },
    });
    expect(denied.status).toBe(401);
    expect(denied.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });
});

describe('OpenAI-compatible presets', () => {
  it('turns the client’s reasoning setting into the vendor’s own switch and keeps other bytes', async () => {
    const g = await setupGateway([{ protocol: 'deepseek', target: 'deepseek-reasoner' }]);
    const raw = `{"model":"${g.model}","reasoning_effort":"high","messages":[{"role":"user","content":"think"}],"temperature":0.30}`;
    const res = await call('POST', '/v1/chat/completions', {
      raw,
      headers: { authorization: `Bearer ${g.key}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.body).toBe(
      '{"thinking":{"type":"enabled"},"model":"deepseek-reasoner","messages":[{"role":"user","content":"think"}],"temperature":0.30}',
    );
  });
});
