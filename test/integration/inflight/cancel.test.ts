import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { queueFaults, recorded, setupGateway } from '../support/gateway';
import { admin, fetchGateway } from '../support/http';
import { waitForLogs } from '../support/logs';

interface Running {
  trace_id: string;
  requested_model: string;
  elapsed_ms: number;
  is_stream: boolean;
  api_key_name: string;
}

/** Polls the in-flight list until a request for `model` shows up (it joins after one sync interval). */
async function waitListed(model: string, timeoutMs = 5000): Promise<Running> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.get('/logs/in-flight');
    expect(res.status).toBe(200);
    const found = (res.json.items as Running[]).find((r) => r.requested_model === model);
    if (found) return found;
    if (Date.now() > until) throw new Error(`${model} never listed: ${res.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitGone(traceId: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await admin.get('/logs/in-flight');
    if (!(res.json.items as Running[]).some((r) => r.trace_id === traceId)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${traceId} still listed`);
}

function chat(model: string, key: string, stream = false) {
  return fetchGateway('/v1/chat/completions', {
    headers: { authorization: `Bearer ${key}` },
    body: { model, stream, messages: [{ role: 'user', content: 'hi' }] },
  });
}

describe('in-flight requests and cancel', () => {
  it('lists a slow request with its model and key, cancels it, aborts the upstream call and logs it as cancelled', async () => {
    const g = await setupGateway([{}]);
    const provider = g.providers[0]!.name;
    await queueFaults(provider, [{ delayMs: 8000 }]);
    const started = Date.now();
    const pending = chat(g.model, g.key);
    const running = await waitListed(g.model);
    expect(running).toMatchObject({ is_stream: false });
    expect(running.elapsed_ms).toBeGreaterThanOrEqual(0);

    const cancel = await admin.post(`/logs/${running.trace_id}/cancel`);
    expect(cancel.status).toBe(202);
    expect(cancel.json).toMatchObject({ status: 'cancelling', trace_id: running.trace_id });
    const res = await pending;
    expect(res.status).toBe(499);
    expect(await res.json()).toMatchObject({ error: { message: 'Request cancelled by admin' } });
    expect(Date.now() - started).toBeLessThan(6000);

    const [root, attempt] = await waitForLogs(running.trace_id, 2);
    expect(root).toMatchObject({ kind: 'request', response_status: 499, error_type: 'cancelled' });
    expect(attempt).toMatchObject({ kind: 'attempt', response_status: 499, error_type: 'aborted' });
    const seen = await recorded(provider);
    expect(seen.at(-1)?.clientClosed).toBe(true);
    await waitGone(running.trace_id);
    expect((await admin.post(`/logs/${running.trace_id}/cancel`)).status).toBe(404);
  }, 20_000);

  it('ends a committed stream with an error event in the client protocol when cancelled', async () => {
    const g = await setupGateway([{}]);
    const provider = g.providers[0]!.name;
    await queueFaults(provider, [{ chunkGapMs: 1500 }]);
    const res = await chat(g.model, g.key, true);
    expect(res.status).toBe(200);
    const traceId = res.headers.get('x-gateway-trace-id') as string;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await waitListed(g.model);
    expect((await admin.post(`/logs/${traceId}/cancel`)).status).toBe(202);
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('Request cancelled by admin');
    const [root] = await waitForLogs(traceId, 1);
    expect(root).toMatchObject({ response_status: 499, error_type: 'cancelled', is_stream: 1 });
    expect((await recorded(provider)).at(-1)?.clientClosed).toBe(true);
  }, 20_000);

  it('answers 404 for a trace that is not running', async () => {
    const res = await admin.post('/logs/00000000-0000-4000-8000-000000000000/cancel');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'log_not_found' } });
  });

  it('keeps requests shorter than one sync interval out of the registry entirely', async () => {
    const g = await setupGateway([{}]);
    const res = await chat(g.model, g.key);
    expect(res.status).toBe(200);
    const traceId = res.headers.get('x-gateway-trace-id') as string;
    const stub = env.IN_FLIGHT!.get(env.IN_FLIGHT!.idFromName('shard-0'));
    const all = await Promise.all(
      [0, 1, 2, 3].map((i) => env.IN_FLIGHT!.get(env.IN_FLIGHT!.idFromName(`shard-${i}`)).list()),
    );
    expect(stub).toBeDefined();
    expect(all.flat().some((e) => e.trace_id === traceId)).toBe(false);
  });
});
