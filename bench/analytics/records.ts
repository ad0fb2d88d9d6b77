// Owns the synthetic traffic of `npm run load:analytics`: deterministic log records shaped like real ones.
import { LOG_MESSAGE_VERSION, type LogMessage } from '../../worker/logging/record';

/** A small deterministic generator (mulberry32), so every run stores the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'claude-sonnet-4',
  'claude-haiku-4',
  'text-embedding-3-small',
  'o4-mini',
];
const TARGETS = [
  'gpt-4o-2024-08-06',
  'gpt-4o-mini',
  'claude-sonnet-4-20250514',
  'claude-haiku-4-5',
  'text-embedding-3-small',
];
const PROVIDERS = ['openai-prod', 'anthropic-main', 'azure-eu', 'bedrock-us'];

/** A trace id shaped like the gateway's (a UUID), derived from the record's index. */
function traceId(i: number, rnd: () => number): string {
  const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0').slice(-len);
  return `${hex(i, 8)}-${hex(rnd() * 0xffff, 4)}-4${hex(rnd() * 0xfff, 3)}-a${hex(rnd() * 0xfff, 3)}-${hex(rnd() * 0xffffffff, 8)}${hex(rnd() * 0xffff, 4)}`;
}

/**
 * Record `i` of `total`, spread evenly from `start` over `spanMs`: a mix of models, providers, 50 keys,
 * streams, 3 % errors, 1 % with a failed attempt first, 10 % with a small stored body.
 */
export function syntheticRecords(i: number, total: number, start: number, spanMs: number): LogMessage[] {
  const rnd = random(i * 2654435761);
  const time = Math.floor(start + (i * spanMs) / total);
  const trace = traceId(i, rnd);
  // As in real use: each model has one main link and a fallback taking a fifth of its traffic, and a
  // few keys send most requests (rank-skewed over 50 keys).
  const m = Math.floor(rnd() * MODELS.length);
  const model = MODELS[m] as string;
  const providerId = ((m + (rnd() < 0.2 ? 1 : 0)) % PROVIDERS.length) + 1;
  const keyId = 1 + Math.floor(50 * rnd() ** 3);
  const failed = rnd() < 0.03;
  const retried = rnd() < 0.01;
  const stream = rnd() < 0.6;
  const input = Math.floor(50 + rnd() * 8000);
  const output = failed ? 0 : Math.floor(1 + rnd() * 1500);
  const ttfb = failed ? null : Math.floor(80 + rnd() ** 2 * 3000);
  const total_ms = Math.floor((ttfb ?? 100) + rnd() * 20_000);
  const base: LogMessage = {
    v: LOG_MESSAGE_VERSION,
    id: trace,
    trace_id: trace,
    kind: 'request',
    attempt_index: null,
    request_time: time,
    api_key_id: keyId,
    api_key_name: `team-${keyId}`,
    user_id: rnd() < 0.5 ? `user-${Math.floor(rnd() * 5000)}` : null,
    requested_model: model,
    target_model: TARGETS[m % TARGETS.length] ?? null,
    provider_id: providerId,
    provider_name: PROVIDERS[providerId - 1] ?? null,
    link_id: providerId,
    retry_count: retried ? 1 : 0,
    matched_provider_count: 2,
    first_byte_delay_ms: ttfb,
    total_time_ms: total_ms,
    status: failed ? 502 : 200,
    error_type: failed ? 'upstream_error' : null,
    error_message: failed ? 'upstream answered 502' : null,
    is_stream: stream,
    request_protocol: keyId % 3 === 0 ? 'anthropic' : 'openai',
    supplier_protocol: PROVIDERS[providerId - 1]?.startsWith('anthropic') ? 'anthropic' : 'openai',
    request_path: '/v1/chat/completions',
    request_method: 'POST',
    upstream_url: null,
    balancer_fallback: false,
    replay_of: null,
    upstream_usage: failed
      ? null
      : {
          inputTokens: input,
          outputTokens: output,
          cacheReadTokens: rnd() < 0.2 ? Math.floor(input / 2) : 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          totalTokens: input + output,
        },
    estimate_input: null,
    estimate_output: null,
    price: {
      billingMode: 'token_flat',
      inputPrice: 2.5,
      outputPrice: 10,
      perRequestPrice: 0,
      perImagePrice: 0,
      tiers: [],
      cacheBillingEnabled: false,
      cachedInputPrice: null,
      cachedOutputPrice: null,
      cacheCreationInputPrice: null,
      priceSource: 'ModelFallback',
    },
    image_count: null,
    is_image_path: false,
    record_details: rnd() < 0.1,
    detail: null,
    detail_r2_key: null,
  };
  if (base.record_details) {
    base.detail = {
      request_url: 'https://gateway.example/v1/chat/completions',
      request_headers: { 'content-type': 'application/json' },
      request_body: `{"model":"${model}","messages":[{"role":"user","content":"synthetic request ${i}"}]}`,
      converted_request: null,
      upstream_url: 'https://api.example/v1/chat/completions',
      response_headers: { 'content-type': 'application/json' },
      upstream_response: `{"id":"c${i}","choices":[{"message":{"role":"assistant","content":"ok"}}]}`,
      client_response: null,
      error_info: null,
    };
  }
  if (!retried) return [base];
  const attempt: LogMessage = {
    ...base,
    id: `${trace}.1`,
    kind: 'attempt',
    attempt_index: 1,
    retry_count: 1,
    status: 503,
    error_type: 'status',
    error_message: 'upstream answered 503',
    first_byte_delay_ms: 40,
    total_time_ms: 45,
    upstream_usage: null,
    detail: null,
    record_details: false,
  };
  return [base, attempt];
}
