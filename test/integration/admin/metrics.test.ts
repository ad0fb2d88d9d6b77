// GET /metrics: today's rollups in the Prometheus text format, read back with an independent parser.

import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { callWith } from '../support/custom-env';
import { queueFaults, setupGateway } from '../support/gateway';
import { call } from '../support/http';
import { waitForLogs } from '../support/logs';
import { sampleLines } from '../support/prometheus-samples';

type Family = ReturnType<typeof parsePrometheusTextFormat>[number];
type Metric = Family['metrics'][number];

async function scrape(): Promise<{ m: Map<string, Family>; text: string }> {
  const res = await call('GET', '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(res.text) as Family[];
  return { m: new Map(families.map((f) => [f.name, f])), text: res.text };
}

const forModel = (f: Family | undefined, model: string) =>
  (f?.metrics ?? []).filter((m) => m.labels?.model === model);
const total = (metrics: Metric[]) => metrics.reduce((n, m) => n + Number(m.value), 0);

describe('GET /metrics', () => {
  it('counts requests, errors, tokens, cost and latency by model and provider', async () => {
    const g = await setupGateway([{}], { input_price: 2, output_price: 4 });
    const traces: string[] = [];
    const send = async (headers: Record<string, string> = {}) => {
      const res = await call('POST', '/v1/chat/completions', {
        body: { model: g.model, messages: [{ role: 'user', content: 'count me' }] },
        headers: { authorization: `Bearer ${g.key}`, ...headers },
      });
      traces.push(res.headers.get('x-gateway-trace-id') ?? '');
      return res.status;
    };
    expect([await send(), await send()]).toEqual([200, 200]);
    await queueFaults(g.providers[0]!.name, [{ status: 400 }]);
    expect(await send()).toBe(400);
    for (const t of traces) await waitForLogs(t);

    const { m, text } = await scrape();
    expect(m.get('llm_gateway_requests_total')?.type).toBe('COUNTER');
    const requests = forModel(m.get('llm_gateway_requests_total'), g.model);
    expect(total(requests)).toBe(3);
    expect(requests.find((r) => r.labels?.status_class === '2xx')).toMatchObject({
      labels: { provider: g.providers[0]!.name, stream: 'false' },
      value: '2',
    });
    expect(total(forModel(m.get('llm_gateway_request_errors_total'), g.model))).toBe(1);
    const tokens = forModel(m.get('llm_gateway_tokens_total'), g.model);
    const input = Number(tokens.find((t) => t.labels?.type === 'input')?.value);
    const output = Number(tokens.find((t) => t.labels?.type === 'output')?.value);
    expect(input).toBeGreaterThan(0);
    expect(output).toBeGreaterThan(0);
    // USD per 1M tokens: the cost counter agrees with the token counters at the model's prices.
    const cost = total(forModel(m.get('llm_gateway_cost_usd_total'), g.model));
    expect(cost).toBeCloseTo((input * 2 + output * 4) / 1e6, 12);

    // Histograms: every series cumulative, ending at +Inf with its _count (read line by line: see support).
    const lines = sampleLines(text).filter((l) => l.labels.model === g.model);
    const buckets = lines.filter((l) => l.name === 'llm_gateway_request_duration_seconds_bucket');
    expect(m.get('llm_gateway_request_duration_seconds')?.type).toBe('HISTOGRAM');
    const counts = buckets.map((b) => b.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const bounds = buckets.map((b) =>
      Number(b.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : b.labels.le),
    );
    expect(bounds).toEqual([...bounds].sort((a, b) => a - b));
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: 3 });
    const count = lines.find((l) => l.name === 'llm_gateway_request_duration_seconds_count');
    const sum = lines.find((l) => l.name === 'llm_gateway_request_duration_seconds_sum');
    expect(count?.value).toBe(3);
    expect(sum?.value).toBeGreaterThan(0);
  });

  it('needs an admin token or the METRICS_TOKEN secret once admin auth is on', async () => {
    const locked = {
      ADMIN_AUTH_DISABLED: 'false',
      ADMIN_PASSWORD: 'correct horse',
      METRICS_TOKEN: 'scrape-secret-1',
    };
    const anonymous = await callWith(locked, 'GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ error: { code: 'not_authenticated' } });
    const wrong = await callWith(locked, 'GET', '/metrics', {
      headers: { authorization: 'Bearer scrape-secret-2' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('scrape-secret');
    const scraper = await callWith(locked, 'GET', '/metrics', {
      headers: { authorization: 'Bearer scrape-secret-1' },
    });
    expect(scraper.status).toBe(200);
    expect(scraper.text).toContain('# TYPE llm_gateway_requests_total counter');
  });
});
