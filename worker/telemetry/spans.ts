// Owns turning stored log rows into OTLP spans: one per request (server), a child per failed attempt (client).
import { type Attributes, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { hrTimeDuration, millisToHrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { RequestLogInsert } from '../db/schema';
import { traceOfRecord } from '../lib/record-id';
import { attemptSpanId, otlpTraceId, requestSpanId } from './ids';
import { ATTR, operationName, providerName, SCHEMA_URL, SEMCONV_VERSION } from './semconv';

export const SCOPE = { name: 'llm-gateway', version: SEMCONV_VERSION, schemaUrl: SCHEMA_URL };

function put(attrs: Attributes, key: string, value: string | number | boolean | null | undefined) {
  if (value !== null && value !== undefined) attrs[key] = value;
}

function attributes(row: RequestLogInsert, root: boolean): Attributes {
  const failed = (row.responseStatus ?? 0) >= 400;
  const attrs: Attributes = {};
  put(attrs, ATTR.operation, operationName(row.requestPath));
  // The request span speaks for the client's model; an attempt span for the provider's.
  put(attrs, ATTR.requestModel, root ? row.requestedModel : row.targetModel);
  if (root && !failed) put(attrs, ATTR.responseModel, row.targetModel);
  put(attrs, ATTR.provider, row.supplierProtocol ? providerName(row.supplierProtocol) : undefined);
  put(attrs, ATTR.stream, row.isStream ?? false);
  put(attrs, ATTR.httpStatus, row.responseStatus);
  if (failed) put(attrs, ATTR.errorType, row.errorType ?? String(row.responseStatus));
  if (root) {
    put(attrs, ATTR.inputTokens, row.inputTokens);
    put(attrs, ATTR.outputTokens, row.outputTokens);
    put(attrs, ATTR.cacheReadTokens, row.cacheReadTokens || undefined);
    put(attrs, ATTR.cacheWriteTokens, row.cacheWriteTokens || undefined);
    put(attrs, ATTR.reasoningTokens, row.reasoningTokens || undefined);
    put(attrs, 'gateway.cost_usd', row.totalCost);
    put(attrs, 'gateway.retry_count', row.retryCount);
    put(attrs, 'gateway.time_to_first_byte_ms', row.firstByteDelayMs);
    put(attrs, 'gateway.api_key.name', row.apiKeyName);
    put(attrs, 'gateway.usage_source', row.usageSource);
  } else {
    put(attrs, 'gateway.attempt_index', row.attemptIndex);
  }
  put(attrs, 'gateway.provider.name', row.providerName);
  put(attrs, 'gateway.record_id', row.id);
  return attrs;
}

async function toSpan(row: RequestLogInsert, resource: Resource): Promise<ReadableSpan> {
  const root = row.kind === 'request';
  // Ids carry the trace (`<trace>` / `<trace>.<n>`); rows of older versions carry it in trace_id.
  const trace = row.traceId ?? traceOfRecord(row.id);
  const traceId = await otlpTraceId(trace);
  const parentId = await requestSpanId(trace);
  const spanId = root ? parentId : await attemptSpanId(row.id);
  const start = millisToHrTime(row.requestTime);
  const end = millisToHrTime(row.requestTime + Math.max(0, row.totalTimeMs ?? 0));
  const failed = (row.responseStatus ?? 0) >= 400;
  const model = root ? row.requestedModel : row.targetModel;
  return {
    name: `${operationName(row.requestPath)}${model ? ` ${model}` : ''}`,
    kind: root ? SpanKind.SERVER : SpanKind.CLIENT,
    spanContext: () => ({ traceId, spanId, traceFlags: TraceFlags.SAMPLED }),
    parentSpanContext: root ? undefined : { traceId, spanId: parentId, traceFlags: TraceFlags.SAMPLED },
    startTime: start,
    endTime: end,
    duration: hrTimeDuration(start, end),
    status: failed
      ? { code: SpanStatusCode.ERROR, message: row.errorMessage?.slice(0, 500) ?? undefined }
      : { code: SpanStatusCode.UNSET },
    attributes: attributes(row, root),
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** The spans of a batch of stored rows; rows of one trace share its trace id whatever batch they land in. */
export function toSpans(rows: RequestLogInsert[], resource: Resource): Promise<ReadableSpan[]> {
  return Promise.all(rows.map((r) => toSpan(r, resource)));
}
