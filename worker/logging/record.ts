// Owns the log queue contract (versioned zod schema) shared by the producer and the consumer.
import { z } from 'zod';

export const LOG_MESSAGE_VERSION = 1;

const int = z.number().int();
const nullableInt = int.nullable();

const usageSchema = z.object({
  inputTokens: z.number().min(0),
  outputTokens: z.number().min(0),
  cacheReadTokens: z.number().min(0),
  cacheWriteTokens: z.number().min(0),
  reasoningTokens: z.number().min(0),
  totalTokens: z.number().min(0),
  details: z
    .object({
      inputTextTokens: z.number(),
      inputAudioTokens: z.number(),
      inputImageTokens: z.number(),
      outputTextTokens: z.number(),
      outputAudioTokens: z.number(),
      outputImageTokens: z.number(),
      acceptedPredictionTokens: z.number(),
      rejectedPredictionTokens: z.number(),
      cacheWrite5mTokens: z.number(),
      cacheWrite1hTokens: z.number(),
    })
    .partial()
    .optional(),
  raw: z.record(z.string(), z.unknown()).optional(),
});

const tierSchema = z.object({
  max_input_tokens: z.number().nullable(),
  input_price: z.number(),
  output_price: z.number(),
  cached_input_price: z.number().nullable().optional(),
  cached_output_price: z.number().nullable().optional(),
  cache_creation_input_price: z.number().nullable().optional(),
});

const priceSchema = z.object({
  billingMode: z.enum(['token_flat', 'token_tiered', 'per_request', 'per_image']),
  inputPrice: z.number(),
  outputPrice: z.number(),
  perRequestPrice: z.number(),
  perImagePrice: z.number(),
  tiers: z.array(tierSchema),
  cacheBillingEnabled: z.boolean(),
  cachedInputPrice: z.number().nullable(),
  cachedOutputPrice: z.number().nullable(),
  cacheCreationInputPrice: z.number().nullable(),
  priceSource: z.enum(['SupplierOverride', 'ModelFallback', 'DefaultZero']),
});

/** The heavy part of a record, stored as one R2 object; sanitized before it leaves the producer. */
export const detailSchema = z.object({
  request_url: z.string().nullable(),
  request_headers: z.record(z.string(), z.string()),
  request_body: z.string().nullable(),
  converted_request: z.string().nullable(),
  upstream_url: z.string().nullable(),
  response_headers: z.record(z.string(), z.string()).nullable(),
  upstream_response: z.string().nullable(),
  /** Null when the client received exactly the upstream response. */
  client_response: z.string().nullable(),
  error_info: z.string().nullable(),
  truncated: z.boolean().optional(),
  /** The upstream's usage as reported, normalized, with per-modality details and the raw object. */
  usage_details: z.record(z.string(), z.unknown()).nullable().optional(),
  /** What the response cache did and, on a HIT, where the answer came from. */
  cache: z
    .object({
      status: z.enum(['HIT', 'MISS', 'BYPASS']),
      reason: z.string().nullable().optional(),
      key: z.string().nullable().optional(),
      ttl_seconds: z.number().nullable().optional(),
      stored_by_trace_id: z.string().nullable().optional(),
      stored_at: z.string().nullable().optional(),
      stored_from_provider: z.string().nullable().optional(),
      stored_from_model: z.string().nullable().optional(),
      stored_protocol: z.string().nullable().optional(),
      stored_as_stream: z.boolean().nullable().optional(),
      coalesced: z.boolean().nullable().optional(),
      source: z.enum(['memory', 'storage', 'flight']).nullable().optional(),
    })
    .nullable()
    .optional(),
  /** What was clamped or dropped so the target model accepts the request (SPEC §16). */
  adjustments: z.array(z.string()).optional(),
});

export const logMessageSchema = z.object({
  v: z.literal(LOG_MESSAGE_VERSION),
  id: z.string().min(8).max(64),
  trace_id: z.string().min(8).max(100),
  kind: z.enum(['request', 'attempt']),
  attempt_index: nullableInt,
  request_time: int,
  api_key_id: nullableInt,
  api_key_name: z.string().nullable(),
  user_id: z.string().max(255).nullable(),
  requested_model: z.string().nullable(),
  target_model: z.string().nullable(),
  provider_id: nullableInt,
  provider_name: z.string().nullable(),
  link_id: nullableInt,
  retry_count: int,
  matched_provider_count: nullableInt,
  first_byte_delay_ms: nullableInt,
  total_time_ms: nullableInt,
  status: int,
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
  is_stream: z.boolean(),
  request_protocol: z.string().nullable(),
  supplier_protocol: z.string().nullable(),
  request_path: z.string().nullable(),
  request_method: z.string().nullable(),
  upstream_url: z.string().nullable(),
  balancer_fallback: z.boolean(),
  replay_of: z.string().nullable(),
  upstream_usage: usageSchema.nullable(),
  /** Texts for the consumer's tokenizer, present only when the upstream did not report usage. */
  estimate_input: z.object({ text: z.string(), fixed_tokens: z.number(), scale: z.number() }).nullable(),
  estimate_output: z.object({ text: z.string(), dropped_chars: z.number() }).nullable(),
  price: priceSchema.nullable(),
  image_count: nullableInt,
  is_image_path: z.boolean(),
  record_details: z.boolean(),
  detail: detailSchema.nullable(),
  /** Set when the producer already wrote the detail to R2 (large bodies). */
  detail_r2_key: z.string().nullable(),
  /** Response cache (SPEC §18): HIT = served from the cache (no upstream cost), null = caching did not apply. */
  cache_status: z.enum(['HIT', 'MISS', 'BYPASS']).nullable().optional(),
  /** Budget reserved at admission, in these limiter scopes: the consumer settles it at the real cost. */
  limits: z
    .object({
      scopes: z.array(z.string().max(300)).max(4),
      reserved_usd: z.number().min(0),
      bucket: z.number().int(),
    })
    .nullable()
    .optional(),
});

export type LogMessage = z.infer<typeof logMessageSchema>;
export type LogDetail = z.infer<typeof detailSchema>;

/** `logs/YYYY/MM/DD/` of a UTC day: every detail object lives under its day, so retention goes by day. */
export function dayPrefix(ms: number): string {
  const d = new Date(ms);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `logs/${d.getUTCFullYear()}/${mm}/${dd}/`;
}

/** The R2 key of a record's own detail object: `logs/YYYY/MM/DD/<record_id>.json`. */
export function detailKey(requestTime: number, id: string): string {
  return `${dayPrefix(requestTime)}${id}.json`;
}

/** A consumer batch's shared detail object for one day, relative to the day prefix (read by byte range). */
export function batchObjectName(): string {
  return `b-${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/**
 * The full R2 key of a row's detail. Rows store it relative to their request day (a key costs every
 * row ~35 bytes less); rows of older versions store the full `logs/…` key.
 */
export function storedDetailKey(requestTime: number, r2Key: string): string {
  return r2Key.startsWith('logs/') ? r2Key : `${dayPrefix(requestTime)}${r2Key}`;
}
