// Owns delivering one OTLP/HTTP export: POST, bounded retries with backoff on retryable answers, partial success read.
import { parseRetryAfter, sleep } from '../lib/timing';
import type { OtlpConfig } from './config';

/** Statuses the OTLP/HTTP specification says to retry; everything else is final. */
const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_WAIT_MS = 5000;
/** All tries of one export fit well inside the ~30 s a queue invocation's waitUntil may run. */
const BUDGET_MS = 20_000;

export interface SendOutcome {
  delivered: boolean;
  attempts: number;
  /** Items the receiver rejected in a partial success (delivered, but not kept). */
  rejected: number;
  lastStatus: number | null;
}

function backoff(attempt: number): number {
  const base = Math.min(MAX_WAIT_MS, 250 * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

export interface SendOptions {
  config: OtlpConfig;
  url: string;
  body: Uint8Array;
  contentType: string;
  /** Reads the rejected count from a response body (protobuf or JSON, per the serializer). */
  rejectedIn: (body: Uint8Array) => number;
}

/** Sends until accepted, refused for good, out of tries or out of time; never throws. */
export async function sendExport(opts: SendOptions): Promise<SendOutcome> {
  const { config } = opts;
  const started = Date.now();
  let lastStatus: number | null = null;
  for (let attempt = 1; ; attempt++) {
    let waitMs: number | null = null;
    try {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { ...config.headers, 'content-type': opts.contentType },
        body: opts.body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      lastStatus = res.status;
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.ok) {
        let rejected = 0;
        try {
          rejected = bytes.byteLength > 0 ? opts.rejectedIn(bytes) : 0;
        } catch {
          rejected = 0;
        }
        return { delivered: true, attempts: attempt, rejected, lastStatus };
      }
      if (!RETRYABLE.has(res.status)) return { delivered: false, attempts: attempt, rejected: 0, lastStatus };
      waitMs = parseRetryAfter(res.headers);
    } catch {
      // Connection failures and timeouts are retryable.
      lastStatus = null;
    }
    const wait = Math.min(MAX_WAIT_MS, waitMs ?? backoff(attempt));
    if (attempt >= config.maxAttempts || Date.now() - started + wait > BUDGET_MS) {
      return { delivered: false, attempts: attempt, rejected: 0, lastStatus };
    }
    await sleep(wait);
  }
}
