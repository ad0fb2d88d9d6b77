// Owns the OTLP exporter's configuration from the standard OTEL_* variables; a bad value disables export, never the gateway.
import { z } from 'zod';
import type { Env } from '../env';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpConfig {
  /** Null when only the other signal has an endpoint. */
  tracesUrl: string | null;
  metricsUrl: string | null;
  /** Sent with every export; may hold credentials, so never logged. */
  headers: Record<string, string>;
  protocol: OtlpProtocol;
  serviceName: string;
  /** Tries per signal and batch, the first included. */
  maxAttempts: number;
  timeoutMs: number;
}

const url = z.url({ protocol: /^https?$/ });
const schema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().max(8192).optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  OTEL_EXPORTER_OTLP_TIMEOUT: z.coerce.number().int().min(100).max(30_000).default(10_000),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('llm-gateway'),
  OTEL_EXPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
});

/** `k1=v1,k2=v2` with percent-encoded values (the OTLP exporter format). */
export function parseHeaders(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim().toLowerCase();
    let value = pair.slice(at + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    if (name && !/[\r\n\0]/.test(value)) out[name] = value;
  }
  return out;
}

function signalUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

const cache = new WeakMap<object, OtlpConfig | null>();
let warned = false;

/** The exporter's settings, or null when no endpoint is configured (export off). */
export function otlpConfig(env: Env): OtlpConfig | null {
  if (cache.has(env)) return cache.get(env) ?? null;
  const blank = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('OTEL_') && v !== ''));
  const parsed = schema.safeParse(blank);
  let config: OtlpConfig | null = null;
  if (!parsed.success) {
    if (!warned) console.warn(`OTLP export disabled: ${parsed.error.issues[0]?.path.join('.')} is invalid`);
    warned = true;
  } else {
    const c = parsed.data;
    const traces =
      c.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (c.OTEL_EXPORTER_OTLP_ENDPOINT && signalUrl(c.OTEL_EXPORTER_OTLP_ENDPOINT, '/v1/traces'));
    const metrics =
      c.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ??
      (c.OTEL_EXPORTER_OTLP_ENDPOINT && signalUrl(c.OTEL_EXPORTER_OTLP_ENDPOINT, '/v1/metrics'));
    if (traces || metrics) {
      config = {
        tracesUrl: traces || null,
        metricsUrl: metrics || null,
        headers: parseHeaders(c.OTEL_EXPORTER_OTLP_HEADERS),
        protocol: c.OTEL_EXPORTER_OTLP_PROTOCOL,
        serviceName: c.OTEL_SERVICE_NAME,
        maxAttempts: c.OTEL_EXPORT_MAX_ATTEMPTS,
        timeoutMs: c.OTEL_EXPORTER_OTLP_TIMEOUT,
      };
    }
  }
  cache.set(env, config);
  return config;
}
