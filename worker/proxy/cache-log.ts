// Owns the log record of a cache HIT: one request record, no upstream cost, the answer's usage priced as money saved.
import type { LogDetail, LogMessage } from '../logging/record';
import { type Sanitizer, sanitizerFor } from '../logging/sanitizer';
import { resolvePrice } from '../usage/pricing';
import { cacheDetail } from './cache-session';
import { applyAnswerUsage, base, requestBodyText } from './log-records';
import type { TraceSummary } from './trace';

const decoder = new TextDecoder();

function hitDetail(s: TraceSummary, clean: Sanitizer, stored: string): LogDetail {
  const body = requestBodyText(s);
  const client = s.client.total > 0 ? s.client.text() : null;
  const endMessage =
    s.outcome.streamEnd?.reason === 'complete' ? null : (s.outcome.streamEnd?.message ?? null);
  return {
    request_url: clean.text(s.url),
    request_headers: clean.headers(s.headers),
    request_body: body === null ? null : clean.text(body),
    converted_request: null,
    upstream_url: null,
    response_headers: null,
    // The answer as the cache held it (in its provider's protocol), and what this client got from it.
    upstream_response: clean.text(stored),
    client_response: client === null || client === stored ? null : clean.text(client),
    error_info: endMessage ? clean.text(endMessage) : null,
    truncated: s.client.truncated || undefined,
    cache: cacheDetail(s.cache),
  };
}

/**
 * The one record of a HIT. Nothing was routed, so it names no provider; the answer's usage and the
 * current prices of the link that produced it make the saved cost, which the consumer records
 * instead of a cost (`cache_status = HIT`).
 */
export function cacheHitRecords(s: TraceSummary, keyPrefix: string): LogMessage[] {
  const session = s.cache;
  const entry = session?.entry;
  const clean = sanitizerFor([s.key.secret, ...(session?.secrets ?? [])], keyPrefix);
  const msg: LogMessage = { ...base(s, clean), id: crypto.randomUUID(), kind: 'request', detail: null };
  if (!session || !entry) return [msg];
  msg.first_byte_delay_ms = (session.servedAt ?? s.outcome.endedAt) - s.receivedAt;
  msg.supplier_protocol = entry.protocol;
  applyAnswerUsage(msg, s, entry.protocol, entry.stream ? null : entry.body, () =>
    decoder.decode(entry.body),
  );
  const model = session.model;
  if (model) {
    const link = model.links.find((l) => l.id === entry.linkId) ?? null;
    msg.price = resolvePrice(link, model);
  }
  if (s.key.recordDetails) {
    msg.detail = hitDetail(s, clean, decoder.decode(entry.body));
    if (msg.upstream_usage) msg.detail.usage_details = { ...msg.upstream_usage };
  }
  return [msg];
}
