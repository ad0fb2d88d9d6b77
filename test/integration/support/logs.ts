// Waits for log records to arrive through the real queue and consumer, and reads them from D1 and R2.
import { env } from 'cloudflare:workers';
import { decodeDetail } from '../../../worker/logging/detail-codec';
import { storedDetailKey } from '../../../worker/logging/record';

export interface LogRow {
  id: string;
  trace_id: string;
  kind: 'request' | 'attempt';
  response_status: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  total_cost: number | null;
  usage_source: string | null;
  price_source: string | null;
  retry_count: number;
  is_stream: number;
  provider_name: string | null;
  target_model: string | null;
  request_time: number;
  r2_key: string | null;
  r2_offset: number | null;
  r2_length: number | null;
  error_type: string | null;
  first_byte_delay_ms: number | null;
  total_time_ms: number | null;
  user_id: string | null;
}

/** Polls D1 until `count` rows exist for the trace (the queue batches for up to a second). */
export async function waitForLogs(traceId: string, count = 1, timeoutMs = 10_000): Promise<LogRow[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // A trace's rows: its request (id = trace id) and attempts (`<trace>.<n>`), or older rows by trace_id.
    const { results } = await env.DB.prepare(
      `select *, coalesce(trace_id, ?1) as trace_id from request_logs
       where id = ?1 or (id > ?1 || '.' and id < ?1 || '/') or trace_id = ?1
       order by kind desc, attempt_index`,
    )
      .bind(traceId)
      .all<LogRow>();
    if (results.length >= count || Date.now() > until) return results;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A row's detail: its own object, or its byte range inside a shared batch object. */
export async function readDetail(
  row: Pick<LogRow, 'r2_key' | 'r2_offset' | 'r2_length' | 'request_time'>,
): Promise<Record<string, unknown>> {
  if (!row.r2_key) throw new Error('the row has no detail');
  const range =
    row.r2_offset !== null && row.r2_length !== null
      ? { offset: row.r2_offset, length: row.r2_length }
      : undefined;
  const obj = await env.LOG_BUCKET.get(
    storedDetailKey(row.request_time, row.r2_key),
    range ? { range } : undefined,
  );
  if (!obj) throw new Error(`no R2 object ${row.r2_key}`);
  return decodeDetail(await obj.text()) as Record<string, unknown>;
}
