// The inbound Gemini API inside workerd: key in `x-goog-api-key` or `?key=`, Google's error envelope, model list, logging.
import { describe, expect, it } from 'vitest';
import { recorded, setupGateway } from '../support/gateway';
import { call } from '../support/http';
import { waitForLogs } from '../support/logs';

const body = { contents: [{ role: 'user', parts: [{ text: 'Hello Gemini route' }] }] };
const json = { 'content-type': 'application/json' };

describe('the /v1beta Gemini surface', () => {
  it('takes the gateway key from x-goog-api-key or ?key= and answers in Gemini shape', async () => {
    const g = await setupGateway([{ protocol: 'openai' }]);
    const path = `/v1beta/models/${g.model}:generateContent`;
    const byHeader = await call('POST', path, { body, headers: { ...json, 'x-goog-api-key': g.key } });
    expect(byHeader.status).toBe(200);
    expect(byHeader.json).toMatchObject({
      candidates: [
        { content: { role: 'model', parts: [{ text: 'Echo: Hello Gemini route' }] }, finishReason: 'STOP' },
      ],
      usageMetadata: { promptTokenCount: expect.any(Number) },
    });
    const byQuery = await call('POST', `${path}?key=${g.key}`, { body, headers: json });
    expect(byQuery.status).toBe(200);
  });

  it('refuses a missing or wrong key with 401 UNAUTHENTICATED in Google’s envelope', async () => {
    const g = await setupGateway([{}]);
    const missing = await call('POST', `/v1beta/models/${g.model}:generateContent`, { body, headers: json });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error: { code: 401, message: expect.any(String), status: 'UNAUTHENTICATED' },
    });
    const wrong = await call('POST', `/v1beta/models/${g.model}:generateContent?key=lgw-nope`, {
      body,
      headers: json,
    });
    expect(wrong.json).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('an unknown model is 404 NOT_FOUND, malformed JSON 400 INVALID_ARGUMENT, an unknown method 404', async () => {
    const g = await setupGateway([{}]);
    const headers = { ...json, 'x-goog-api-key': g.key };
    const unknown = await call('POST', '/v1beta/models/no-such-model:generateContent', { body, headers });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    const bad = await call('POST', `/v1beta/models/${g.model}:generateContent`, {
      raw: '{"contents":',
      headers,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const method = await call('POST', `/v1beta/models/${g.model}:predict`, { body, headers });
    expect(method.status).toBe(404);
    expect(method.json).toMatchObject({ error: { status: 'NOT_FOUND' } });
  });

  it('a function call to an OpenAI provider ends the Chat way converted: the Gemini client sees a functionCall with an id', async () => {
    const g = await setupGateway([{ protocol: 'openai' }]);
    const res = await call('POST', `/v1beta/models/${g.model}:generateContent`, {
      headers: { ...json, 'x-goog-api-key': g.key },
      body: {
        contents: [{ role: 'user', parts: [{ text: 'Weather in Rome' }] }],
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } },
              },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const parts = (res.json.candidates as { content: { parts: unknown[] } }[])[0]?.content.parts;
    expect(parts).toEqual([
      {
        functionCall: {
          id: expect.stringMatching(/^call_/),
          name: 'get_weather',
          args: { city: 'Weather in Rome' },
        },
      },
    ]);
  });

  it('lists the active models as Gemini resources and logs a generate call with its protocol and tokens', async () => {
    const g = await setupGateway([{ protocol: 'gemini' }]);
    const list = await call('GET', '/v1beta/models', { headers: { 'x-goog-api-key': g.key } });
    expect(list.status).toBe(200);
    expect((list.json.models as { name: string }[]).map((m) => m.name)).toContain(`models/${g.model}`);
    const res = await call('POST', `/v1beta/models/${g.model}:generateContent`, {
      body,
      headers: { ...json, 'x-goog-api-key': g.key },
    });
    expect(res.status).toBe(200);
    const [row] = (await waitForLogs(res.headers.get('x-gateway-trace-id') ?? '', 1)) as unknown as Record<
      string,
      unknown
    >[];
    expect(row).toMatchObject({
      request_protocol: 'gemini',
      supplier_protocol: 'gemini',
      response_status: 200,
    });
    expect(row?.input_tokens).toBeGreaterThan(0);
    expect(row?.output_tokens).toBeGreaterThan(0);
  });
});

describe('a Gemini client on a Gemini provider', () => {
  it('sends the body as it came, except provider defaults filling absent generationConfig fields', async () => {
    const g = await setupGateway([
      {
        protocol: 'gemini',
        extra: { provider_options: { default_parameters: { temperature: 0.4, max_tokens: 99 } } },
      },
    ]);
    const headers = { ...json, 'x-goog-api-key': g.key };
    const body = {
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      generationConfig: { temperature: 0.9 },
    };
    const res = await call('POST', `/v1beta/models/${g.model}:generateContent`, { body, headers });
    expect(res.status).toBe(200);
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.path).toBe(
      `${g.providers[0]!.path}/v1/models/${g.providers[0]!.name}-target:generateContent`,
    );
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      ...body,
      generationConfig: { temperature: 0.9, maxOutputTokens: 99 },
    });
  });
});
