// Builds log records and stores them through the real consumer path (R2 bodies, idempotent D1 inserts).
import { env } from 'cloudflare:workers';
import { recordId } from '../../../worker/lib/record-id';
import { storeRecords } from '../../../worker/logging/consumer';
import type { LogDetail, LogMessage } from '../../../worker/logging/record';

type Usage = NonNullable<LogMessage['upstream_usage']>;
type Price = NonNullable<LogMessage['price']>;

export function usage(input: number, output: number, extra: Partial<Usage> = {}): Usage {
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: input + output,
    ...extra,
  };
}

/** Flat token prices in USD per million tokens. */
export function flatPrice(input: number, output: number): Price {
  return {
    billingMode: 'token_flat',
    inputPrice: input,
    outputPrice: output,
    perRequestPrice: 0,
    perImagePrice: 0,
    tiers: [],
    cacheBillingEnabled: false,
    cachedInputPrice: null,
    cachedOutputPrice: null,
    cacheCreationInputPrice: null,
    priceSource: 'ModelFallback',
  };
}

export function detail(extra: Partial<LogDetail> = {}): LogDetail {
  return {
    request_url: 'http://gateway.test/v1/chat/completions',
    request_headers: { 'content-type': 'application/json', authorization: 'Bearer lgw-***...***ab' },
    request_body: '{"model":"m","messages":[{"role":"user","content":"hi"}]}',
    converted_request: null,
    upstream_url: 'http://upstream.test/v1/chat/completions',
    response_headers: { 'content-type': 'application/json' },
    upstream_response: '{"id":"c1","choices":[]}',
    client_response: null,
    error_info: null,
    ...extra,
  };
}

/** A successful non-stream request record; override anything. Ids derive from the trace, as the producer's do. */
export function record(over: Partial<LogMessage> = {}): LogMessage {
  const traceId = over.trace_id ?? crypto.randomUUID();
  return {
    v: 1,
    id: recordId(traceId, over.attempt_index ?? null),
    trace_id: traceId,
    kind: 'request',
    attempt_index: null,
    request_time: Date.now(),
    api_key_id: null,
    api_key_name: null,
    user_id: null,
    requested_model: 'fixture-model',
    target_model: 'fixture-target',
    provider_id: 1,
    provider_name: 'fixture-provider',
    link_id: null,
    retry_count: 0,
    matched_provider_count: 1,
    first_byte_delay_ms: 100,
    total_time_ms: 200,
    status: 200,
    error_type: null,
    error_message: null,
    is_stream: false,
    request_protocol: 'openai',
    supplier_protocol: 'openai',
    request_path: '/v1/chat/completions',
    request_method: 'POST',
    upstream_url: null,
    balancer_fallback: false,
    replay_of: null,
    upstream_usage: null,
    estimate_input: null,
    estimate_output: null,
    price: null,
    image_count: null,
    is_image_path: false,
    record_details: true,
    detail: null,
    detail_r2_key: null,
    ...over,
  };
}

/** A failed upstream attempt of `parent`'s trace. */
export function attempt(parent: LogMessage, index: number, over: Partial<LogMessage> = {}): LogMessage {
  return record({
    trace_id: parent.trace_id,
    kind: 'attempt',
    attempt_index: index,
    retry_count: index,
    request_time: parent.request_time,
    api_key_id: parent.api_key_id,
    api_key_name: parent.api_key_name,
    user_id: parent.user_id,
    requested_model: parent.requested_model,
    status: 500,
    error_type: 'upstream_error',
    error_message: 'upstream said 500',
    first_byte_delay_ms: null,
    ...over,
  });
}

/** Stores records through the consumer, as a queue batch would. */
export async function store(...messages: LogMessage[]): Promise<void> {
  await storeRecords(env, messages);
}

/** A name unlikely to collide with any other test's rows. */
export function tag(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
