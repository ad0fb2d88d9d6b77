import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';
import { waitForLogs } from '../support/logs';

describe('dashboard tools that send real requests', () => {
  it('tests a model as the dashboard: provider, timings and the text', async () => {
    const g = await setupGateway([{ protocol: 'anthropic', target: 'claude-x' }]);
    const res = await admin.post(`/models/${g.model}/test`, { protocol: 'openai', prompt: 'ping the model' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      response_status: 200,
      provider_name: g.providers[0]!.name,
      target_model: 'claude-x',
      error: null,
    });
    expect(String(res.json.content)).toContain('ping the model');
    const streamed = await admin.post(`/models/${g.model}/test`, { protocol: 'anthropic', stream: true });
    expect(streamed.json.response_status).toBe(200);
    expect(String(streamed.json.content).length).toBeGreaterThan(0);
    const [row] = await waitForLogs(res.json.trace_id as string);
    expect(row).toMatchObject({ response_status: 200 });
  });

  it('runs a playground request as a chosen key and streams the answer back', async () => {
    const g = await setupGateway([{}]);
    const keys = await admin.get('/api-keys?page_size=1');
    const keyId = (keys.json.items as { id: number }[])[0]!.id;
    const res = await call('POST', '/api/admin/playground', {
      body: {
        protocol: 'openai',
        api_key_id: keyId,
        body: { model: g.model, stream: true, messages: [{ role: 'user', content: 'from the playground' }] },
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = res.text
      .split('\n')
      .filter((l) => l.startsWith('data: {'))
      .map(
        (l) =>
          (JSON.parse(l.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? '',
      )
      .join('');
    expect(text).toContain('from the playground');
    expect(res.headers.get('x-gateway-provider')).toBe(g.providers[0]!.name);
    const bad = await call('POST', '/api/admin/playground', {
      body: { protocol: 'openai', body: {}, api_key_id: 999999 },
    });
    expect(bad.status).toBe(401);
  });
});
