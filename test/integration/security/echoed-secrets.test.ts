// Finding 7 of the security probe: a provider key echoed by the upstream never reaches the client.
import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { call } from '../support/http';

const PROVIDER_KEY = 'sk-upstream-echoed-key-5a4b3c2d1e0f';

describe('finding 7: upstream headers and error bodies pass the secret sanitizer', () => {
  it('masks the provider key an upstream echoes in a response header on an error', async () => {
    const g = await setupGateway([{ apiKey: PROVIDER_KEY }]);
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}`, 'x-mock-fault': 'status-401-echo-key' },
    });
    expect(res.status).toBe(401);
    const echoed = res.headers.get('x-echo-key');
    expect(echoed).toBeTruthy();
    expect(echoed).not.toContain(PROVIDER_KEY);
    const all = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    expect(all + res.text).not.toContain(PROVIDER_KEY);
  });

  it('masks it on a successful response too, on every protocol route', async () => {
    const g = await setupGateway([{ apiKey: PROVIDER_KEY }]);
    for (const [path, body, headers] of [
      ['/v1/chat/completions', { model: g.model, messages: [{ role: 'user', content: 'hi' }] }, {}],
      [
        '/v1/messages',
        { model: g.model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] },
        { 'anthropic-version': '2023-06-01' },
      ],
    ] as const) {
      const res = await call('POST', path, {
        body,
        headers: { authorization: `Bearer ${g.key}`, 'x-mock-fault': 'echo-key', ...headers },
      });
      expect(res.status).toBe(200);
      expect([...res.headers].map(([, v]) => v).join('\n')).not.toContain(PROVIDER_KEY);
    }
  });
});
