import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { storedDetailKey } from '../../../worker/logging/record';
import { admin } from '../support/http';
import { attempt, detail, record, store, tag } from './fixtures';

const DAY = 86_400_000;

async function get(id: string) {
  return admin.get(`/logs/${id}`);
}

/** The full R2 key of a row's detail (rows keep it relative to their day). */
async function r2KeyOf(id: string): Promise<string | null> {
  const row = await env.DB.prepare('select r2_key, request_time from request_logs where id = ?')
    .bind(id)
    .first<{ r2_key: string | null; request_time: number }>();
  return row?.r2_key ? storedDetailKey(row.request_time, row.r2_key) : null;
}

describe('GET /api/admin/logs/:id', () => {
  it('returns the summary with the R2 body, JSON parsed, and the nested attempts', async () => {
    const req = record({
      requested_model: tag('detail'),
      retry_count: 1,
      detail: detail({
        converted_request: '{"model":"t","messages":[]}',
        client_response: '{"id":"c1","object":"chat.completion"}',
        error_info: null,
      }),
    });
    const failed = attempt(req, 1, {
      detail: detail({
        request_body: null,
        upstream_response: 'Bad Gateway',
        error_info: 'upstream said 502',
      }),
    });
    await store(req, failed);
    const res = await get(req.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: req.id,
      trace_id: req.trace_id,
      kind: 'request',
      detail_status: 'available',
      detail_available: true,
      request_headers: { 'content-type': 'application/json' },
      request_body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      converted_request: { model: 't', messages: [] },
      upstream_url: 'http://upstream.test/v1/chat/completions',
      upstream_response: { id: 'c1', choices: [] },
      client_response: { id: 'c1', object: 'chat.completion' },
      upstream_events: null,
      parent_request_id: null,
      retry_attempt_count: 1,
      retry_attempts: [{ id: failed.id, kind: 'attempt', attempt_index: 1, response_status: 500 }],
    });
  });

  it('points an attempt at its parent request and keeps non-JSON bodies as text', async () => {
    const req = record({ retry_count: 1 });
    const failed = attempt(req, 1, {
      detail: detail({ upstream_response: 'Bad Gateway', error_info: 'upstream said 502' }),
    });
    await store(req, failed);
    const res = await get(failed.id);
    expect(res.json).toMatchObject({
      kind: 'attempt',
      parent_request_id: req.id,
      retry_attempts: [],
      upstream_response: 'Bad Gateway',
      error_info: 'upstream said 502',
      detail_status: 'available',
    });
  });

  it('splits streamed bodies into parsed SSE events, client and upstream separately', async () => {
    const upstream = 'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n';
    const client = 'event: message_start\ndata: {"type":"message_start"}\n\n';
    const req = record({
      is_stream: true,
      detail: detail({ upstream_response: upstream, client_response: client }),
    });
    await store(req);
    const res = await get(req.id);
    expect(res.json).toMatchObject({
      is_stream: true,
      upstream_response: upstream,
      client_response: client,
      upstream_events: [
        { event: null, data: { choices: [{ delta: { content: 'Hi' } }] } },
        { event: null, data: '[DONE]' },
      ],
      client_events: [{ event: 'message_start', data: { type: 'message_start' } }],
    });
  });

  it('says not_recorded when the key had record_details off', async () => {
    const req = record({ record_details: false, detail: detail() });
    await store(req);
    const res = await get(req.id);
    expect(res.json).toMatchObject({
      detail_status: 'not_recorded',
      detail_available: false,
      request_body: null,
    });
  });

  it('says expired past LOG_DETAIL_RETENTION_DAYS even before retention has run', async () => {
    const req = record({ request_time: Date.now() - 8 * DAY, detail: detail() });
    await store(req);
    expect(await r2KeyOf(req.id)).not.toBeNull();
    const res = await get(req.id);
    expect(res.json).toMatchObject({
      detail_status: 'expired',
      detail_available: false,
      request_headers: null,
    });
  });

  it('says expired when the R2 object is gone', async () => {
    const req = record({ detail: detail() });
    await store(req);
    await env.LOG_BUCKET.delete((await r2KeyOf(req.id))!);
    const res = await get(req.id);
    expect(res.json).toMatchObject({ detail_status: 'expired', request_body: null });
  });

  it('answers 404 log_not_found for an unknown id', async () => {
    const res = await get('no-such-log');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'log_not_found' } });
  });
});
