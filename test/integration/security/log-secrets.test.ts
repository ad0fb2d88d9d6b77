// Finding 5 of the security probe: gateway keys never reach D1 through `x-user-id` or `model`.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';
import { readDetail, waitForLogs } from '../support/logs';

describe('finding 5: gateway keys in x-user-id or model are masked; model names are capped', () => {
  it('masks another gateway key sent as x-user-id', async () => {
    const g = await setupGateway([{}]);
    const other = (await admin.post('/api-keys', { key_name: `victim-${Date.now()}` })).json
      .key_value as string;
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}`, 'x-user-id': other },
    });
    expect(res.status).toBe(200);
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row?.user_id).toBeTruthy();
    expect(row?.user_id).not.toContain(other);
    expect(JSON.stringify(await readDetail(row!))).not.toContain(other);
  });

  it('masks a gateway key sent as the model name (an unknown model, logged as such)', async () => {
    const g = await setupGateway([{}]);
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.key, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(g.key);
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    const { results } = await env.DB.prepare('select * from request_logs where id = ?').bind(row!.id).all();
    expect(JSON.stringify(results)).not.toContain(g.key);
  });

  it('refuses a model name longer than 256 characters before it is stored', async () => {
    const g = await setupGateway([{}]);
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: 'm'.repeat(1024 * 1024), messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { param: 'model' } });
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id')!);
    expect(row?.error_type).toBe('invalid_request');
    const { results } = await env.DB.prepare('select requested_model from request_logs where id = ?')
      .bind(row!.id)
      .all<{ requested_model: string | null }>();
    expect(results[0]?.requested_model ?? '').not.toContain('m'.repeat(300));
  });
});
