import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { adminCall, gatewayUrl, plantSecret, setupGateway } from './support/gateway.ts';

// Plants secrets everywhere a request can carry them; the global teardown then scans every byte the
// gateway persisted (D1, R2, queue and Durable Object state) and fails the run if any is found.
describe('secrets in requests never reach storage', () => {
  it('masks keys and credentials found in headers, bodies and upstream errors', async () => {
    const g = await setupGateway([{}]);
    const cookie = 'session-cookie-value-0123456789abcdef';
    const bodySecret = 'sk-proj-planted-in-a-prompt-0123456789abcdef';
    plantSecret(cookie);
    plantSecret(bodySecret);
    const client = new OpenAI({
      baseURL: `${gatewayUrl()}/v1`,
      apiKey: g.key,
      maxRetries: 0,
      defaultHeaders: { cookie: `sid=${cookie}`, 'proxy-authorization': `Basic ${bodySecret}` },
    });
    const res = await client.chat.completions.create({
      model: g.model,
      messages: [
        { role: 'system', content: `Here is my key ${bodySecret} and the gateway key ${g.key}.` },
        { role: 'user', content: `Authorization: Bearer ${g.key}` },
      ],
    });
    expect(res.choices[0]?.message.content).toBeTruthy();
    const stream = await client.chat.completions.create({
      model: g.model,
      stream: true,
      messages: [{ role: 'user', content: `stream with ${bodySecret}` }],
    });
    for await (const _ of stream) {
      // drain
    }
    const failing = new OpenAI({
      baseURL: `${gatewayUrl()}/v1`,
      apiKey: g.key,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-fault': 'status-401' },
    });
    await expect(
      failing.chat.completions.create({ model: g.model, messages: [{ role: 'user', content: bodySecret }] }),
    ).rejects.toThrow();
    // Provider extra headers carry secrets too (custom auth schemes): they are stored encrypted, and an
    // upstream echoing one back (401 with the credential in a header) is masked before anything is kept.
    const headerSecret = 'x-custom-auth-planted-secret-0123456789abcdef';
    const bearerSecret = 'planted-extra-bearer-0123456789abcdef';
    plantSecret(headerSecret);
    plantSecret(bearerSecret);
    const h = await setupGateway([{}]);
    await adminCall('PUT', `/providers/${h.providers[0]!.id}`, {
      extra_headers: { 'X-Custom-Auth': headerSecret, Authorization: `Bearer ${bearerSecret}` },
    });
    const echo = new OpenAI({
      baseURL: `${gatewayUrl()}/v1`,
      apiKey: h.key,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-fault': 'status-401-echo-key' },
    });
    await expect(
      echo.chat.completions.create({ model: h.model, messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toThrow();
    // Let the queue deliver these records before the suite ends and the scan runs.
    await new Promise((r) => setTimeout(r, 2500));
  });
});
