import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@opentelemetry/semantic-conventions/incubating';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../../worker/index';
import type { LogMessage } from '../../../worker/logging/record';
import { attempt, record, usage } from '../logs/fixtures';
import { admin } from '../support/http';

interface KeyValue {
  key: string;
  value: { stringValue?: string; intValue?: string; boolValue?: boolean; doubleValue?: number };
}
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: KeyValue[];
  status?: { code?: number };
}
interface Accepted {
  signal: 'traces' | 'metrics';
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const mock = () => env.MOCK_UPSTREAM_URL;

async function receiver(config: { failEvery?: number; failStatus?: number } = {}) {
  const res = await fetch(`${mock()}/__mock/otlp`, { method: 'POST', body: JSON.stringify(config) });
  expect(res.status).toBe(200);
}

async function received(): Promise<{ accepted: Accepted[]; failed: number }> {
  return (await (await fetch(`${mock()}/__mock/otlp`)).json()) as { accepted: Accepted[]; failed: number };
}

function otelEnv(extra: Record<string, string> = {}) {
  return { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: `${mock()}/otlp/${crypto.randomUUID()}`, ...extra };
}

/** Runs the real queue handler on one batch and waits for its waitUntil work (the export) to end. */
async function consume(testEnv: Record<string, unknown>, messages: LogMessage[]) {
  const batch = createMessageBatch(
    'llm-gateway-logs',
    messages.map((m) => ({
      id: crypto.randomUUID(),
      timestamp: new Date(),
      attempts: 1,
      body: JSON.stringify(m),
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, testEnv as typeof env, ctx);
  const result = await getQueueResult(batch, ctx);
  await waitOnExecutionContext(ctx);
  return result;
}

const spansOf = (a: Accepted[]) =>
  a
    .filter((x) => x.signal === 'traces')
    .flatMap((x) =>
      (x.body.resourceSpans as { scopeSpans: { spans: Span[] }[] }[]).flatMap((r) =>
        r.scopeSpans.flatMap((s) => s.spans),
      ),
    );
const attr = (span: Span, key: string) => span.attributes.find((a) => a.key === key)?.value;

async function stats() {
  const { results } = await env.DB.prepare(
    'select signal, sum(batches) b, sum(items) i, sum(retries) r, sum(failed_batches) f, sum(dropped_items) d from telemetry_export_stats group by signal',
  ).all<{ signal: string; b: number; i: number; r: number; f: number; d: number }>();
  return Object.fromEntries(results.map((r) => [r.signal, r]));
}

async function storedIds(ids: string[]): Promise<number> {
  const placeholders = ids.map(() => '?').join(',');
  const row = await env.DB.prepare(`select count(*) n from request_logs where id in (${placeholders})`)
    .bind(...ids)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('OTLP/HTTP export from the log consumer', () => {
  beforeEach(() => receiver());

  it('sends a server span per request and a client span per failed attempt, in the pinned GenAI names', async () => {
    const root = record({
      upstream_usage: usage(12, 34),
      supplier_protocol: 'anthropic',
      request_protocol: 'openai',
      upstream_url: 'https://api.anthropic.test/v1/messages',
      retry_count: 1,
      is_stream: true,
    });
    const failed = attempt(root, 1, {
      status: 503,
      target_model: 'claude-x',
      upstream_url: 'https://down.test/v1/messages',
      supplier_protocol: 'anthropic',
    });
    await consume(otelEnv({ OTEL_EXPORTER_OTLP_HEADERS: 'x-otlp-token=tok%20123,x-tenant=gw' }), [
      root,
      failed,
    ]);
    const { accepted } = await received();
    const traces = accepted.filter((a) => a.signal === 'traces');
    expect(traces).toHaveLength(1);
    expect(traces[0]?.headers).toMatchObject({
      'x-otlp-token': 'tok 123',
      'x-tenant': 'gw',
      'content-type': 'application/x-protobuf',
    });
    const resourceSpans = traces[0]?.body.resourceSpans as {
      resource: { attributes: KeyValue[] };
      scopeSpans: { scope: { name: string }; schemaUrl: string }[];
    }[];
    expect(resourceSpans[0]?.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'llm-gateway' },
    });
    expect(resourceSpans[0]?.scopeSpans[0]?.schemaUrl).toBe('https://opentelemetry.io/schemas/1.45.0');

    const [request, child] = spansOf(accepted);
    expect(request?.traceId).toBe(root.trace_id.replace(/-/g, ''));
    expect(request).toMatchObject({ kind: 2, name: 'chat fixture-model' });
    expect(request?.parentSpanId ?? '').toBe('');
    expect(child).toMatchObject({
      kind: 3,
      traceId: request?.traceId,
      parentSpanId: request?.spanId,
      name: 'chat claude-x',
      status: { code: 2 },
    });
    // The names as the pinned package defines them, and as literals: a renamed attribute fails here.
    expect(ATTR_GEN_AI_USAGE_INPUT_TOKENS).toBe('gen_ai.usage.input_tokens');
    expect(ATTR_GEN_AI_PROVIDER_NAME).toBe('gen_ai.provider.name');
    expect(attr(request!, ATTR_GEN_AI_OPERATION_NAME)).toEqual({ stringValue: 'chat' });
    expect(attr(request!, ATTR_GEN_AI_REQUEST_MODEL)).toEqual({ stringValue: 'fixture-model' });
    expect(attr(request!, ATTR_GEN_AI_PROVIDER_NAME)).toEqual({ stringValue: 'anthropic' });
    expect(attr(request!, ATTR_GEN_AI_USAGE_INPUT_TOKENS)).toEqual({ intValue: '12' });
    expect(attr(request!, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS)).toEqual({ intValue: '34' });
    expect(attr(request!, 'gen_ai.response.model')).toEqual({ stringValue: 'fixture-target' });
    expect(attr(child!, ATTR_GEN_AI_REQUEST_MODEL)).toEqual({ stringValue: 'claude-x' });
    expect(attr(child!, 'error.type')).toEqual({ stringValue: 'upstream_error' });
    // Index rows no longer carry the upstream URL (it lives with the body), so no server.address.
    expect(attr(child!, 'http.response.status_code')).toEqual({ intValue: '503' });

    const metrics = accepted.find((a) => a.signal === 'metrics')?.body as {
      resourceMetrics: {
        scopeMetrics: {
          metrics: {
            name: string;
            unit: string;
            histogram: {
              aggregationTemporality: number;
              dataPoints: { attributes: KeyValue[]; sum: number; count: string; explicitBounds: number[] }[];
            };
          }[];
        }[];
      }[];
    };
    const all = metrics.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    const tokens = all.find((m) => m.name === METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    expect(METRIC_GEN_AI_CLIENT_TOKEN_USAGE).toBe('gen_ai.client.token.usage');
    expect(tokens).toMatchObject({ unit: '{token}', histogram: { aggregationTemporality: 1 } });
    const byType = Object.fromEntries(
      tokens!.histogram.dataPoints.map((p) => [
        p.attributes.find((a) => a.key === ATTR_GEN_AI_TOKEN_TYPE)?.value.stringValue,
        p,
      ]),
    );
    expect(byType.input).toMatchObject({ sum: 12, count: '1' });
    expect(byType.output).toMatchObject({ sum: 34, count: '1' });
    expect(byType.input?.explicitBounds.slice(0, 4)).toEqual([1, 4, 16, 64]);
    const duration = all.find((m) => m.name === METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(duration).toMatchObject({ unit: 's' });
    expect(duration!.histogram.dataPoints[0]).toMatchObject({ sum: 0.2, count: '1' });
  });

  it('loses no log record and retries when the receiver fails every other request', async () => {
    await receiver({ failEvery: 2, failStatus: 503 });
    const before = await stats();
    const batches = Array.from({ length: 8 }, () =>
      Array.from({ length: 5 }, () => record({ upstream_usage: usage(3, 4) })),
    );
    const results = await Promise.all(batches.map((b) => consume(otelEnv(), b)));
    expect(results.every((r) => r.explicitAcks.length === 5 && r.retryMessages.length === 0)).toBe(true);
    const ids = batches.flat().map((m) => m.id);
    expect(await storedIds(ids)).toBe(40);

    const { accepted, failed } = await received();
    expect(failed).toBeGreaterThan(0);
    const spanIds = spansOf(accepted).map((s) => s.spanId);
    expect(new Set(spanIds).size).toBe(40);
    expect(spanIds).toHaveLength(40);
    const after = await stats();
    const retries =
      (after.traces?.r ?? 0) + (after.metrics?.r ?? 0) - (before.traces?.r ?? 0) - (before.metrics?.r ?? 0);
    expect(retries).toBe(failed);
    expect((after.traces?.i ?? 0) - (before.traces?.i ?? 0)).toBe(40);
    expect((after.traces?.f ?? 0) - (before.traces?.f ?? 0)).toBe(0);
  });

  it('gives up after the bounded tries, counts the drop, and still stores and acknowledges the batch', async () => {
    await receiver({ failEvery: 1, failStatus: 503 });
    const before = await stats();
    const messages = [record(), record()];
    const result = await consume(otelEnv({ OTEL_EXPORT_MAX_ATTEMPTS: '3' }), messages);
    expect(result.explicitAcks).toHaveLength(2);
    expect(await storedIds(messages.map((m) => m.id))).toBe(2);
    expect((await received()).failed).toBe(6);
    const after = await stats();
    expect((after.traces?.f ?? 0) - (before.traces?.f ?? 0)).toBe(1);
    expect((after.traces?.d ?? 0) - (before.traces?.d ?? 0)).toBe(2);
    expect((after.traces?.r ?? 0) - (before.traces?.r ?? 0)).toBe(2);
    const shown = await admin.get('/telemetry/export-stats?days=1');
    const today = (shown.json.items as { signal: string; failed_batches: number; day: string }[]).find(
      (r) => r.signal === 'traces',
    );
    expect(today).toMatchObject({ day: new Date().toISOString().slice(0, 10) });
    expect(today?.failed_batches).toBeGreaterThanOrEqual(1);
  });

  it('does not retry an export the receiver refuses as malformed (4xx other than 429)', async () => {
    await receiver({ failEvery: 1, failStatus: 400 });
    await consume(otelEnv(), [record()]);
    expect((await received()).failed).toBe(2);
  });

  it('exports nothing without an endpoint, and an invalid endpoint disables export instead of failing the batch', async () => {
    const plain = await consume(env, [record()]);
    expect(plain.explicitAcks).toHaveLength(1);
    const bad = record();
    const result = await consume({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }, [bad]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await storedIds([bad.id])).toBe(1);
    expect(await received()).toEqual({ accepted: [], failed: 0 });
  });
});
