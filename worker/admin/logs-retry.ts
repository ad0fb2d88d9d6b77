// Owns POST /api/admin/logs/:id/retry: replays a stored request through the gateway's own pipeline, in-process.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { findLog, rowTrace } from '../db/queries/log-detail';
import type { RequestLogRow } from '../db/schema';
import { GatewayError } from '../errors';
import { isSensitiveHeader } from '../lib/mask';
import type { LogDetail } from '../logging/record';
import { ENDPOINTS } from '../protocols/endpoints';
import { isTransportHeader } from '../protocols/headers';
import { callGateway } from './in-process';
import { parseBody, readStoredDetail } from './logs-body';
import { detailCutoff } from './logs-view';

export const logRetryRoutes = new Hono<AppEnv>();

/** The original client headers minus credentials (stored masked anyway), framing and edge metadata. */
function replayHeaders(stored: Record<string, string>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(stored)) {
    const lower = name.toLowerCase();
    if (isSensitiveHeader(lower) || isTransportHeader(lower) || lower === 'accept-encoding') continue;
    headers.set(lower, value);
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return headers;
}

/** The path and query to replay: the stored client URL when it is a /v1 route, else the logged path. */
function replayPath(row: RequestLogRow, detail: LogDetail): string {
  if (detail.request_url) {
    try {
      const url = new URL(detail.request_url);
      if (url.pathname.startsWith('/v1/')) return url.pathname + url.search;
    } catch {
      // A stored URL that does not parse falls back to the logged path below.
    }
  }
  if (row.requestPath?.startsWith('/v1/')) return row.requestPath;
  throw new GatewayError('retry_log_detail_not_recorded', 'The log does not say which path was called');
}

function isMultipart(row: RequestLogRow, detail: LogDetail): boolean {
  const spec = ENDPOINTS.find((e) => e.path === row.requestPath);
  const type = Object.entries(detail.request_headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  return spec?.body === 'form' || /^multipart\/form-data/i.test(type ?? '');
}

/** Everything that must hold before a log can be replayed, as 422s a user can act on. */
async function replayable(c: { env: AppEnv['Bindings'] }, row: RequestLogRow, cutoff: number) {
  if (row.kind !== 'request') {
    throw new GatewayError('retry_not_a_request', 'Only client requests can be retried, not single attempts');
  }
  if (row.apiKeyId === null) {
    throw new GatewayError('retry_api_key_missing', 'The log has no API key to replay it as');
  }
  const stored = await readStoredDetail(c.env.LOG_BUCKET, row, cutoff);
  if (stored.status === 'expired') {
    throw new GatewayError('retry_log_detail_expired', 'The stored request of this log has expired');
  }
  const detail = stored.detail;
  if (!detail || detail.request_body === null) {
    throw new GatewayError(
      'retry_log_detail_not_recorded',
      'The request body of this log was not recorded (its API key has record_details off)',
    );
  }
  if (isMultipart(row, detail)) {
    throw new GatewayError('retry_multipart_unsupported', 'Multipart requests (files) cannot be replayed');
  }
  return { detail, body: detail.request_body, apiKeyId: row.apiKeyId };
}

logRetryRoutes.post('/:id/retry', async (c) => {
  const id = c.req.param('id');
  const row = await findLog(c.get('db'), id);
  if (!row) throw new GatewayError('log_not_found', `Log ${id} not found`);
  const { detail, body, apiKeyId } = await replayable(
    c,
    row,
    detailCutoff(c.get('settings').LOG_DETAIL_RETENTION_DAYS),
  );
  const headers = replayHeaders(detail.request_headers);
  headers.set('x-gateway-replay-of', rowTrace(row));
  const res = await callGateway(c, { path: replayPath(row, detail), body, keyId: apiKeyId, headers });
  const newTrace = res.headers.get('x-gateway-trace-id');
  if (/^text\/event-stream/i.test(res.headers.get('content-type') ?? '')) {
    // The root app stamps this response with the admin request's own trace id, hence a separate header.
    return new Response(res.body, {
      status: res.status,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        ...(newTrace ? { 'x-gateway-replay-trace-id': newTrace } : {}),
      },
    });
  }
  return c.json({
    response_status: res.status,
    response_body: parseBody(await res.text()),
    trace_id: newTrace,
    new_log_trace_id: newTrace,
    replay_of: rowTrace(row),
  });
});
