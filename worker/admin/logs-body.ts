// Owns a log's R2 body as the admin API shows it: read, status, JSON bodies parsed, SSE split into events.
import type { RequestLogRow } from '../db/schema';
import { GatewayError } from '../errors';
import { parseSse } from '../lib/sse';
import { decodeDetail } from '../logging/detail-codec';
import { detailSchema, type LogDetail, storedDetailKey } from '../logging/record';
import { type DetailStatus, indexedDetailStatus } from './logs-view';

export interface StoredDetail {
  status: DetailStatus;
  detail: LogDetail | null;
}

/** Reads a row's body from R2; a missing object means retention (or an orphan sweep) removed it. */
export async function readStoredDetail(
  bucket: R2Bucket,
  row: RequestLogRow,
  cutoff: number,
): Promise<StoredDetail> {
  const status = indexedDetailStatus(row, cutoff);
  if (status !== 'available' || !row.r2Key) return { status, detail: null };
  // A record in a shared batch object is read by its byte range.
  const range =
    row.r2Offset !== null && row.r2Length !== null ? { offset: row.r2Offset, length: row.r2Length } : null;
  const object = await bucket.get(storedDetailKey(row.requestTime, row.r2Key), range ? { range } : undefined);
  if (!object) return { status: 'expired', detail: null };
  const text = await object.text();
  let parsed: ReturnType<typeof detailSchema.safeParse>;
  try {
    parsed = detailSchema.safeParse(decodeDetail(text));
  } catch (err) {
    throw new GatewayError('internal_error', `The stored body of log ${row.id} is not JSON`, { cause: err });
  }
  if (!parsed.success) {
    throw new GatewayError('internal_error', `The stored body of log ${row.id} has an unknown shape`, {
      cause: parsed.error,
    });
  }
  return { status, detail: parsed.data };
}

/** A stored body as JSON when it is a JSON object or array, else the text unchanged. */
export function parseBody(text: string | null): unknown {
  if (text === null) return null;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.parse(text);
  } catch {
    // Truncated or malformed upstream JSON is still worth showing as text.
    return text;
  }
}

function looksLikeSse(text: string | null): text is string {
  return text !== null && /^(data|event|id|retry):|^:/m.test(text.slice(0, 512));
}

/** The events of a streamed body, each `data` parsed when it is JSON (`[DONE]` stays text). */
export function sseEvents(text: string | null) {
  if (!looksLikeSse(text)) return null;
  return parseSse(text).map((e) => ({ event: e.event ?? null, data: parseBody(e.data) }));
}

/** The heavy fields of the detail view; all null when the body is not available. */
export function detailFields(detail: LogDetail | null, isStream: boolean) {
  return {
    request_url: detail?.request_url ?? null,
    request_headers: detail?.request_headers ?? null,
    request_body: parseBody(detail?.request_body ?? null),
    converted_request: parseBody(detail?.converted_request ?? null),
    response_headers: detail?.response_headers ?? null,
    upstream_response: isStream
      ? (detail?.upstream_response ?? null)
      : parseBody(detail?.upstream_response ?? null),
    client_response: isStream
      ? (detail?.client_response ?? null)
      : parseBody(detail?.client_response ?? null),
    upstream_events: isStream ? sseEvents(detail?.upstream_response ?? null) : null,
    client_events: isStream ? sseEvents(detail?.client_response ?? null) : null,
    error_info: detail?.error_info ?? null,
    usage_details: detail?.usage_details ?? null,
    adjustments: detail?.adjustments ?? [],
    detail_truncated: detail?.truncated ?? false,
  };
}
