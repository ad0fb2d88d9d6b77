import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { admin, call, fetchGateway } from '../support/http';
import { readDetail, waitForLogs } from '../support/logs';
import { attempt, detail, record, store } from './fixtures';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'replay me' }],
  ...extra,
});

/** Sends a real request through the gateway and returns its stored request row (via the real queue). */
async function logged(g: { model: string; key: string }, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/chat/completions', {
    body,
    headers: { authorization: `Bearer ${g.key}`, 'x-user-id': 'replayer' },
  });
  const traceId = res.headers.get('x-gateway-trace-id')!;
  const [row] = await waitForLogs(traceId);
  return { res, traceId, row: row! };
}

describe('POST /api/admin/logs/:id/retry', () => {
  it('replays a request through the pipeline as its key, and the new record links back', async () => {
    const g = await setupGateway([{}]);
    const original = await logged(g, chat(g.model));
    expect(original.res.status).toBe(200);
    const retry = await admin.post(`/logs/${original.row.id}/retry`);
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ response_status: 200, replay_of: original.traceId });
    expect(retry.json.response_body).toMatchObject({ object: 'chat.completion' });
    const newTrace = retry.json.new_log_trace_id as string;
    expect(newTrace).toBeTruthy();
    expect(newTrace).not.toBe(original.traceId);
    expect(retry.json.trace_id).toBe(newTrace);
    const [replayed] = await waitForLogs(newTrace);
    expect(replayed).toMatchObject({ kind: 'request', response_status: 200, user_id: 'replayer' });
    // The replay credential is masked in the stored headers like any other credential.
    const headers = (await readDetail(replayed!)).request_headers as Record<string, string>;
    expect(headers['x-gateway-replay-token']).toContain('***');
    expect(headers['x-gateway-replay-token']!.length).toBeLessThan(20);
    expect(headers.authorization).toBeUndefined();
    const list = await admin.get(`/logs?trace_id=${newTrace}`);
    const item = (list.json.items as Record<string, unknown>[])[0];
    expect(item).toMatchObject({
      replay_of: original.traceId,
      api_key_id: (await admin.get(`/logs/${original.row.id}`)).json.api_key_id,
    });
  });

  it('passes a streamed replay through as SSE', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}` },
      body: chat(g.model, { stream: true }),
    });
    await res.text();
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    const retry = await fetchGateway(`/api/admin/logs/${row!.id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await retry.text();
    expect(text).toContain('data: ');
    expect(text).toContain('[DONE]');
    const newTrace = retry.headers.get('x-gateway-replay-trace-id')!;
    const [replayed] = await waitForLogs(newTrace);
    expect(replayed).toMatchObject({ is_stream: 1, response_status: 200 });
  });

  it('re-checks the key: a key disabled since the request gets a 401 replay', async () => {
    const g = await setupGateway([{}]);
    const original = await logged(g, chat(g.model));
    const keyId = (await admin.get(`/logs/${original.row.id}`)).json.api_key_id as number;
    await admin.put(`/api-keys/${keyId}`, { is_active: false });
    const retry = await admin.post(`/logs/${original.row.id}/retry`);
    expect(retry.json).toMatchObject({
      response_status: 401,
      response_body: { error: { code: 'api_key_disabled' } },
    });
  });

  it.each([
    ['an attempt', 'retry_not_a_request'],
    ['a request whose key had record_details off', 'retry_log_detail_not_recorded'],
    ['a request older than the detail retention', 'retry_log_detail_expired'],
    ['a multipart upload', 'retry_multipart_unsupported'],
    ['a request without an API key', 'retry_api_key_missing'],
  ])('answers 422 for %s', async (what, code) => {
    const base = { api_key_id: 1, api_key_name: 'k', detail: detail() };
    const parent = record(base);
    const cases: Record<string, ReturnType<typeof record>> = {
      'an attempt': attempt(parent, 1, { detail: detail() }),
      'a request whose key had record_details off': record({ ...base, record_details: false }),
      'a request older than the detail retention': record({
        ...base,
        request_time: Date.now() - 8 * 86_400_000,
      }),
      'a multipart upload': record({
        ...base,
        request_path: '/v1/audio/transcriptions',
        detail: detail({ request_headers: { 'content-type': 'multipart/form-data; boundary=x' } }),
      }),
      'a request without an API key': record({ ...base, api_key_id: null }),
    };
    const target = cases[what]!;
    await store(parent, target);
    const res = await admin.post(`/logs/${target.id}/retry`);
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ error: { code } });
  });

  it('answers 404 for an unknown log', async () => {
    const res = await admin.post('/logs/nope/retry');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'log_not_found' } });
  });
});
