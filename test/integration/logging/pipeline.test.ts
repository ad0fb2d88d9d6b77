import { describe, expect, it } from 'vitest';
import { queueFaults, setupGateway } from '../support/gateway';
import { admin, call, fetchGateway } from '../support/http';
import { readDetail, waitForLogs } from '../support/logs';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'log me please' }],
  ...extra,
});

describe('every request becomes a log record through the queue', () => {
  it('records a non-stream request with upstream usage, cost and a sanitized R2 body', async () => {
    const g = await setupGateway([{ apiKey: 'sk-provider-planted-secret-000111' }], {
      input_price: 2,
      output_price: 4,
    });
    const res = await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}`, 'x-user-id': 'alice', cookie: 'sid=secret-cookie-value' },
    });
    expect(res.status).toBe(200);
    const usage = res.json.usage as { prompt_tokens: number; completion_tokens: number };
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row).toMatchObject({
      kind: 'request',
      response_status: 200,
      input_tokens: usage.prompt_tokens,
      output_tokens: usage.completion_tokens,
      usage_source: 'upstream',
      price_source: 'ModelFallback',
      provider_name: g.providers[0]!.name,
      user_id: 'alice',
      is_stream: 0,
      retry_count: 0,
    });
    const expected =
      // Exact, never rounded up per component (SPEC §14).
      usage.prompt_tokens * 2 * 1e-6 + usage.completion_tokens * 4 * 1e-6;
    expect(row?.total_cost).toBeCloseTo(expected, 8);
    const detail = await readDetail(row!);
    const text = JSON.stringify(detail);
    expect(text).not.toContain(g.key);
    expect(text).not.toContain('sk-provider-planted-secret-000111');
    expect(text).not.toContain('secret-cookie-value');
    expect(detail.request_body).toContain('log me please');
  });

  it('records a stream with exact usage and hides the usage chunk from a client that did not ask', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}` },
      body: chat(g.model, { stream: true }),
    });
    const text = await res.text();
    expect(text).not.toMatch(/"choices":\[\],"usage"/);
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row).toMatchObject({ is_stream: 1, usage_source: 'upstream', response_status: 200 });
    expect(row?.input_tokens).toBeGreaterThan(0);
    expect(row?.output_tokens).toBeGreaterThan(0);
  });

  it('passes the usage chunk to a client that asked for it', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}` },
      body: chat(g.model, { stream: true, stream_options: { include_usage: true } }),
    });
    const text = await res.text();
    expect(text).toMatch(/"choices":\[\],"usage"/);
  });

  it('writes one row per failed attempt under the same trace', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], { strategy: 'priority' });
    await queueFaults(g.providers[0]!.name, [{ status: 500 }, { status: 500 }, { status: 500 }]);
    const res = await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(200);
    const rows = await waitForLogs(res.headers.get('x-gateway-trace-id')!, 4);
    expect(rows.filter((r) => r.kind === 'attempt')).toHaveLength(3);
    const root = rows.find((r) => r.kind === 'request');
    expect(root).toMatchObject({ retry_count: 3, provider_name: g.providers[1]!.name, response_status: 200 });
  });

  it('logs requests that fail before routing (unknown model) too', async () => {
    const g = await setupGateway([{}]);
    const res = await call('POST', '/v1/chat/completions', {
      body: chat('no-such-model'),
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(404);
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row).toMatchObject({ kind: 'request', response_status: 404, error_type: 'model_not_found' });
  });

  it('logs a stream that broke mid-way as a failure', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}`, 'x-mock-fault': 'abort-after-2' },
      body: chat(g.model, { stream: true }),
    });
    await res.text();
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row).toMatchObject({ response_status: 502, error_type: 'upstream_error' });
  });
});

describe('streamed usage is taken from the upstream exactly', () => {
  it('Anthropic: input from message_start (cache included), output from message_delta', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const res = await fetchGateway('/v1/messages', {
      headers: { 'x-api-key': g.key, 'anthropic-version': '2023-06-01' },
      body: {
        model: g.model,
        max_tokens: 64,
        stream: true,
        system: [
          {
            type: 'text',
            text: 'A long cached system prompt. '.repeat(20),
            cache_control: { type: 'ephemeral' },
          },
        ],
        messages: [{ role: 'user', content: 'count my tokens' }],
      },
    });
    const events = (await res.text())
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map(
        (l) =>
          JSON.parse(l.slice(6)) as Record<
            string,
            { usage?: Record<string, number> } & Record<string, number>
          >,
      );
    const start =
      events.find((e) => (e as { type?: unknown }).type === 'message_start')?.message?.usage ?? {};
    const delta = events.find((e) => (e as { type?: unknown }).type === 'message_delta')
      ?.usage as unknown as Record<string, number>;
    const expectedInput =
      (start.input_tokens ?? 0) +
      (start.cache_creation_input_tokens ?? 0) +
      (start.cache_read_input_tokens ?? 0);
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row).toMatchObject({
      usage_source: 'upstream',
      input_tokens: expectedInput,
      output_tokens: delta.output_tokens,
    });
    expect((start.cache_creation_input_tokens ?? 0) + (start.cache_read_input_tokens ?? 0)).toBeGreaterThan(
      0,
    );
  });
});

describe('the log API over real records', () => {
  it('shows the upstream usage details and filters by exact model', async () => {
    const g = await setupGateway([{}]);
    const res = await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}` },
    });
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    const detail = await admin.get(`/logs/${row!.id}`);
    expect(detail.json.detail_status).toBe('available');
    expect(detail.json.usage_details).toMatchObject({
      inputTokens: row!.input_tokens,
      raw: expect.any(Object),
    });
    const exact = await admin.get(`/logs?model=${g.model}`);
    expect(exact.json.total).toBe(1);
    const prefix = await admin.get(`/logs?model=${g.model.slice(0, -1)}`);
    expect(prefix.json.total).toBe(0);
  });
});
