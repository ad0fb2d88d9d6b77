// Owns turning stored request rows into OTLP metrics: GenAI token usage and duration histograms, delta per batch.
import type { Attributes } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { RequestLogInsert } from '../db/schema';
import { ATTR, BUCKETS, METRIC, operationName, providerName } from './semconv';
import { SCOPE } from './spans';

/** Collects on demand only: one collection per consumer batch, each a delta of that batch's records. */
class BatchReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

function common(row: RequestLogInsert): Attributes {
  const attrs: Attributes = { [ATTR.operation]: operationName(row.requestPath) };
  if (row.supplierProtocol) attrs[ATTR.provider] = providerName(row.supplierProtocol);
  if (row.requestedModel) attrs[ATTR.requestModel] = row.requestedModel;
  if (row.targetModel && (row.responseStatus ?? 0) < 400) attrs[ATTR.responseModel] = row.targetModel;
  if ((row.responseStatus ?? 0) >= 400) attrs[ATTR.errorType] = row.errorType ?? String(row.responseStatus);
  return attrs;
}

/** The metrics of a batch's client requests (attempt rows are spans only), or null when there are none. */
export async function toMetrics(
  rows: RequestLogInsert[],
  resource: Resource,
): Promise<ResourceMetrics | null> {
  const requests = rows.filter((r) => r.kind === 'request');
  if (requests.length === 0) return null;
  const reader = new BatchReader();
  const provider = new MeterProvider({ resource, readers: [reader] });
  const meter = provider.getMeter(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
  const tokens = meter.createHistogram(METRIC.tokenUsage, {
    unit: '{token}',
    description: 'Number of input and output tokens used',
    advice: { explicitBucketBoundaries: [...BUCKETS.tokens] },
  });
  const duration = meter.createHistogram(METRIC.duration, {
    unit: 's',
    description: 'GenAI operation duration',
    advice: { explicitBucketBoundaries: [...BUCKETS.seconds] },
  });
  const firstToken = meter.createHistogram(METRIC.timeToFirstToken, {
    unit: 's',
    description: 'Time to generate first token for successful responses',
    advice: { explicitBucketBoundaries: [...BUCKETS.firstToken] },
  });
  for (const row of requests) {
    const attrs = common(row);
    if (row.totalTimeMs !== null && row.totalTimeMs !== undefined)
      duration.record(row.totalTimeMs / 1000, attrs);
    if ((row.responseStatus ?? 0) >= 400) continue;
    if (row.inputTokens) tokens.record(row.inputTokens, { ...attrs, [ATTR.tokenType]: 'input' });
    if (row.outputTokens) tokens.record(row.outputTokens, { ...attrs, [ATTR.tokenType]: 'output' });
    if (row.isStream && row.firstByteDelayMs !== null && row.firstByteDelayMs !== undefined) {
      firstToken.record(row.firstByteDelayMs / 1000, attrs);
    }
  }
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}
