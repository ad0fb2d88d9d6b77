// Owns turning the journal of a finished request into its log records: one for it, one per failed attempt.

import { recordId } from '../lib/record-id';
import { parseSse } from '../lib/sse';
import { LOG_MESSAGE_VERSION, type LogDetail, type LogMessage } from '../logging/record';
import { type Sanitizer, sanitizerFor } from '../logging/sanitizer';
import type { WireProtocol } from '../protocols/catalogue';
import { collectInputText } from '../usage/estimate';
import { extractUsage } from '../usage/extract';
import { resolvePrice } from '../usage/pricing';
import { responseText } from '../usage/response-text';
import { StreamUsageAccumulator } from '../usage/stream-usage';
import type { Usage } from '../usage/types';
import { cacheDetail } from './cache-session';
import type { FailedAttempt } from './execute';
import type { TraceSummary } from './trace';

const ESTIMATE_TEXT_LIMIT = 32 * 1024;
const decoder = new TextDecoder();

function isTextual(headers: Headers | null): boolean {
  const type = headers?.get('content-type') ?? 'application/json';
  return /json|text|event-stream|xml|x-www-form-urlencoded/i.test(type);
}

function bodyText(bytes: Uint8Array, headers: Headers | null): string {
  if (!isTextual(headers))
    return `[binary data: ${bytes.byteLength} bytes, ${headers?.get('content-type') ?? 'unknown'}]`;
  return decoder.decode(bytes);
}

export function requestBodyText(s: TraceSummary): string | null {
  const body = s.req?.body;
  if (!body) return null;
  if (body.kind === 'json') return body.raw;
  const files: { field: string; filename: string; content_type: string; size: number }[] = [];
  body.form.forEach((value, field) => {
    if (typeof value !== 'string')
      files.push({ field, filename: value.name, content_type: value.type, size: value.size });
  });
  return JSON.stringify({ fields: body.fields, files });
}

interface UsageFindings {
  usage: Usage | null;
  outputText: string;
  dropped: number;
}

/** The usage of an answer in `supplier`'s protocol: a whole JSON body, or else the stream's text. */
function answerUsage(
  supplier: WireProtocol,
  body: Uint8Array | null,
  streamText: () => string,
): UsageFindings {
  if (body) {
    let json: unknown = null;
    try {
      json = JSON.parse(decoder.decode(body));
    } catch {
      return { usage: null, outputText: '', dropped: 0 };
    }
    const usage = extractUsage(supplier, json);
    return { usage, outputText: usage?.outputTokens ? '' : responseText(supplier, json), dropped: 0 };
  }
  const acc = new StreamUsageAccumulator(supplier);
  for (const ev of parseSse(streamText())) acc.push(ev);
  return { usage: acc.usage(), outputText: acc.text(), dropped: acc.droppedChars() };
}

/** Sets a record's usage from an answer: the upstream's, or the texts the consumer estimates from. */
export function applyAnswerUsage(
  msg: LogMessage,
  s: TraceSummary,
  supplier: WireProtocol,
  body: Uint8Array | null,
  streamText: () => string,
): void {
  const found = answerUsage(supplier, body, streamText);
  msg.upstream_usage = found.usage;
  msg.estimate_input = estimateInput(s, found.usage);
  if (!found.usage?.outputTokens && (found.outputText || found.dropped)) {
    msg.estimate_output = {
      text: found.outputText.slice(0, ESTIMATE_TEXT_LIMIT),
      dropped_chars: found.dropped,
    };
  }
}

function estimateInput(s: TraceSummary, usage: Usage | null): LogMessage['estimate_input'] {
  if (usage?.inputTokens || s.req?.body.kind !== 'json') return null;
  const { text, fixedTokens } = collectInputText(s.spec.clientProtocol, s.req.body.json);
  if (text.length <= ESTIMATE_TEXT_LIMIT) return { text, fixed_tokens: fixedTokens, scale: 1 };
  return {
    text: text.slice(0, ESTIMATE_TEXT_LIMIT),
    fixed_tokens: fixedTokens,
    scale: text.length / ESTIMATE_TEXT_LIMIT,
  };
}

function imageCount(s: TraceSummary): number | null {
  if (!s.spec.id.startsWith('images_')) return null;
  const fields = s.req?.body.kind === 'json' ? s.req.body.json : s.req?.body.fields;
  const n = Number(fields?.n ?? 1);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 1;
}

/** The fields every record of a request shares. */
export function base(s: TraceSummary, clean: Sanitizer): Omit<LogMessage, 'id' | 'kind' | 'detail'> {
  return {
    v: LOG_MESSAGE_VERSION,
    trace_id: s.traceId,
    attempt_index: null,
    request_time: s.receivedAt,
    api_key_id: s.key.id,
    api_key_name: s.key.name,
    // Both are client-chosen text: a key pasted into either must not reach D1 or the dashboard.
    user_id: s.req?.userId ? clean.text(s.req.userId) : null,
    requested_model: s.requestedModel ? clean.text(s.requestedModel) : null,
    target_model: null,
    provider_id: null,
    provider_name: null,
    link_id: null,
    retry_count: s.failed.length,
    matched_provider_count: s.routing?.matchedCount ?? null,
    first_byte_delay_ms: null,
    total_time_ms: s.outcome.endedAt - s.receivedAt,
    status: s.outcome.status,
    error_type: s.outcome.errorType,
    error_message: s.outcome.errorMessage ? clean.text(s.outcome.errorMessage).slice(0, 1000) : null,
    is_stream: s.req?.stream ?? false,
    request_protocol: s.spec.clientProtocol,
    supplier_protocol: null,
    request_path: s.spec.path,
    request_method: s.method,
    upstream_url: null,
    balancer_fallback: s.routing?.balancerFallback ?? false,
    replay_of: s.replayOf,
    upstream_usage: null,
    estimate_input: null,
    estimate_output: null,
    price: null,
    image_count: imageCount(s),
    is_image_path: s.spec.id.startsWith('images_'),
    record_details: s.key.recordDetails,
    detail_r2_key: null,
    cache_status: s.cache?.status ?? null,
  };
}

function attemptMessage(s: TraceSummary, f: FailedAttempt, index: number, clean: Sanitizer): LogMessage {
  const { candidate, failure, ctx } = f;
  // Null when only the model changed: the request body plus target_model say it all.
  const sent = ctx?.prepared.converted ?? null;
  const detail: LogDetail = {
    request_url: null,
    request_headers: {},
    request_body: null,
    converted_request: sent ? clean.text(sent) : null,
    upstream_url: ctx?.url ?? null,
    response_headers: failure.headers ? clean.headers(failure.headers) : null,
    upstream_response: failure.bodyText ? clean.text(failure.bodyText) : null,
    client_response: null,
    error_info: clean.text(failure.message),
    adjustments: ctx?.prepared.adjustments?.length ? ctx.prepared.adjustments : undefined,
  };
  return {
    ...base(s, clean),
    id: recordId(s.traceId, index + 1),
    kind: 'attempt',
    attempt_index: index + 1,
    request_time: f.startedAt,
    target_model: candidate.link.targetModelName,
    provider_id: candidate.provider.id,
    provider_name: candidate.provider.name,
    link_id: candidate.link.id,
    retry_count: index + 1,
    first_byte_delay_ms: failure.firstByteAt ? failure.firstByteAt - f.startedAt : null,
    total_time_ms: f.endedAt - f.startedAt,
    status: failure.status,
    error_type: failure.kind,
    error_message: clean.text(failure.message).slice(0, 1000),
    supplier_protocol: candidate.provider.implementation,
    upstream_url: ctx?.url ?? null,
    price: s.routing ? resolvePrice(candidate.link, s.routing.model) : null,
    detail: s.key.recordDetails ? detail : null,
  };
}

function rootMessage(s: TraceSummary, clean: Sanitizer): LogMessage {
  const msg: LogMessage = { ...base(s, clean), id: recordId(s.traceId, null), kind: 'request', detail: null };
  const limits = s.limits?.logFields();
  if (limits) msg.limits = limits;
  const served = s.success?.ctx ?? s.failed[s.failed.length - 1]?.ctx ?? null;
  const candidate = s.success?.ctx.candidate ?? s.failed[s.failed.length - 1]?.candidate ?? null;
  if (candidate) {
    msg.target_model = candidate.link.targetModelName;
    msg.provider_id = candidate.provider.id;
    msg.provider_name = candidate.provider.name;
    msg.link_id = candidate.link.id;
    msg.supplier_protocol = candidate.provider.implementation;
    msg.upstream_url = served?.url ?? null;
    msg.price = s.routing ? resolvePrice(candidate.link, s.routing.model) : null;
  }
  const success = s.success;
  if (success) {
    msg.first_byte_delay_ms = success.success.firstByteAt - s.receivedAt;
    const supplier = success.ctx.candidate.provider.implementation;
    applyAnswerUsage(msg, s, supplier, success.success.body, () => s.upstream.text());
  }
  if (s.key.recordDetails) {
    msg.detail = rootDetail(s, clean);
    if (msg.upstream_usage) msg.detail.usage_details = { ...msg.upstream_usage };
  }
  return msg;
}

function rootDetail(s: TraceSummary, clean: Sanitizer): LogDetail {
  const success = s.success;
  const upstreamHeaders = success?.success.response.headers ?? null;
  let upstream: string | null = null;
  let client: string | null = null;
  if (success?.success.body) {
    upstream = bodyText(success.success.body, upstreamHeaders);
    if (success.clientBody && success.clientBody !== success.success.body)
      client = decoder.decode(success.clientBody);
  } else if (success) {
    upstream = s.upstream.text();
    if (s.client.total > 0) client = s.client.text();
  }
  const converted = success?.ctx.prepared.converted ?? null;
  const endMessage =
    s.outcome.streamEnd && s.outcome.streamEnd.reason !== 'complete' ? s.outcome.streamEnd.message : null;
  const body = requestBodyText(s);
  return {
    request_url: clean.text(s.url),
    request_headers: clean.headers(s.headers),
    request_body: body === null ? null : clean.text(body),
    converted_request: converted ? clean.text(converted) : null,
    upstream_url: success?.ctx.url ?? null,
    response_headers: upstreamHeaders ? clean.headers(upstreamHeaders) : null,
    upstream_response: upstream === null ? null : clean.text(upstream),
    client_response: client === null ? null : clean.text(client),
    error_info: endMessage
      ? clean.text(endMessage)
      : s.outcome.errorMessage
        ? clean.text(s.outcome.errorMessage)
        : null,
    truncated: s.upstream.truncated || s.client.truncated || undefined,
    cache: cacheDetail(s.cache),
    adjustments: success?.ctx.prepared.adjustments?.length ? success.ctx.prepared.adjustments : undefined,
  };
}

/** The log records of one finished request, sanitized of every secret the request touched. */
export function buildLogRecords(s: TraceSummary, keyPrefix: string): LogMessage[] {
  const secrets = [
    s.key.secret,
    ...(s.success?.ctx.candidate.provider.secrets ?? []),
    ...s.failed.flatMap((f) => f.candidate.provider.secrets),
  ];
  const clean = sanitizerFor(secrets, keyPrefix);
  return [rootMessage(s, clean), ...s.failed.map((f, i) => attemptMessage(s, f, i, clean))];
}
