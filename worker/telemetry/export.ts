// Owns the OTLP export of stored log records: traces and metrics serialized by the official OTLP transformer, sent off the write path.
import {
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { createDb } from '../db/client';
import { addExportStats, type ExportOutcome } from '../db/queries/telemetry-export';
import type { RequestLogInsert, TelemetrySignal } from '../db/schema';
import type { Env } from '../env';
import { type OtlpConfig, otlpConfig } from './config';
import { toMetrics } from './metrics';
import { ATTR, SCHEMA_URL } from './semconv';
import { type SendOutcome, sendExport } from './send';
import { toSpans } from './spans';

const SERVICE_VERSION = '1.0.0';

function serializers(config: OtlpConfig) {
  const json = config.protocol === 'http/json';
  return {
    contentType: json ? 'application/json' : 'application/x-protobuf',
    traces: json ? JsonTraceSerializer : ProtobufTraceSerializer,
    metrics: json ? JsonMetricsSerializer : ProtobufMetricsSerializer,
  };
}

function outcome(signal: TelemetrySignal, items: number, sent: SendOutcome): ExportOutcome {
  return {
    signal,
    batches: sent.delivered ? 1 : 0,
    items: sent.delivered ? items - sent.rejected : 0,
    retries: Math.max(0, sent.attempts - 1),
    failedBatches: sent.delivered ? 0 : 1,
    droppedItems: sent.delivered ? sent.rejected : items,
  };
}

/** Exports one batch of stored rows; returns what each signal's export did. */
export async function exportRows(
  env: Env,
  config: OtlpConfig,
  rows: RequestLogInsert[],
): Promise<ExportOutcome[]> {
  const resource = resourceFromAttributes(
    { [ATTR.serviceName]: config.serviceName, [ATTR.serviceVersion]: SERVICE_VERSION },
    { schemaUrl: SCHEMA_URL },
  );
  const s = serializers(config);
  const jobs: Promise<ExportOutcome>[] = [];
  if (config.tracesUrl) {
    const url = config.tracesUrl;
    const spans = await toSpans(rows, resource);
    const body = s.traces.serializeRequest(spans);
    if (body) {
      jobs.push(
        sendExport({
          config,
          url,
          body,
          contentType: s.contentType,
          rejectedIn: (b) => Number(s.traces.deserializeResponse(b).partialSuccess?.rejectedSpans ?? 0),
        }).then((sent) => outcome('traces', spans.length, sent)),
      );
    }
  }
  const metrics = config.metricsUrl ? await toMetrics(rows, resource) : null;
  const metricsBody = metrics ? s.metrics.serializeRequest(metrics) : undefined;
  if (config.metricsUrl && metricsBody) {
    const requests = rows.filter((r) => r.kind === 'request').length;
    jobs.push(
      sendExport({
        config,
        url: config.metricsUrl,
        body: metricsBody,
        contentType: s.contentType,
        rejectedIn: (b) => Number(s.metrics.deserializeResponse(b).partialSuccess?.rejectedDataPoints ?? 0),
      }).then((sent) => outcome('metrics', requests, sent)),
    );
  }
  const outcomes = await Promise.all(jobs);
  await addExportStats(createDb(env.DB), new Date().toISOString().slice(0, 10), outcomes);
  for (const o of outcomes) {
    if (o.failedBatches > 0)
      console.warn(`OTLP ${o.signal} export dropped ${o.droppedItems} item(s) after ${o.retries + 1} tries`);
  }
  return outcomes;
}

/**
 * Schedules the export of rows already stored in D1 and R2: it runs in `waitUntil`, after the batch was
 * written and acknowledged, so a slow or failing receiver never delays or loses a log record.
 */
export function exportTelemetry(
  env: Env,
  rows: RequestLogInsert[],
  waitUntil: (p: Promise<unknown>) => void,
): void {
  try {
    const config = otlpConfig(env);
    if (!config || rows.length === 0) return;
    waitUntil(exportRows(env, config, rows).catch((err) => console.error('OTLP export failed', err)));
  } catch (err) {
    // Never into the consumer: its batch is already stored and must be acknowledged.
    console.error('OTLP export could not start', err);
  }
}
