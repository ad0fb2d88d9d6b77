// Owns the shapes the admin API answers for logs, log details and statistics.

export interface LogSummary {
  id: string;
  trace_id: string;
  kind: 'request' | 'attempt';
  attempt_index: number | null;
  request_time: string;
  requested_model: string | null;
  target_model: string | null;
  provider_id: number | null;
  provider_name: string | null;
  response_status: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  total_tokens: number | null;
  input_cost: number | null;
  output_cost: number | null;
  cached_input_cost: number | null;
  total_cost: number | null;
  price_source: string | null;
  usage_source: string | null;
  first_byte_delay_ms: number | null;
  total_time_ms: number | null;
  retry_count: number;
  matched_provider_count: number | null;
  is_stream: boolean;
  api_key_id: number | null;
  api_key_name: string | null;
  user_id: string | null;
  request_protocol: string | null;
  supplier_protocol: string | null;
  request_path: string | null;
  request_method: string | null;
  upstream_url: string | null;
  error_type: string | null;
  error_message: string | null;
  balancer_fallback: boolean;
  replay_of: string | null;
  /** Response cache: HIT (no provider call, no cost), MISS, BYPASS, or null when caching did not apply. */
  cache_status: 'HIT' | 'MISS' | 'BYPASS' | null;
  cache_hit: boolean;
  saved_cost: number | null;
  detail_available: boolean;
}

export interface LogItem extends LogSummary {
  retry_attempt_count: number;
  retry_attempts: LogSummary[];
}

export interface SseRecord {
  event: string | null;
  data: unknown;
}

export interface LogDetail extends LogItem {
  detail_status: 'available' | 'expired' | 'not_recorded';
  request_url: string | null;
  request_headers: Record<string, string> | null;
  request_body: unknown;
  converted_request: unknown;
  response_headers: Record<string, string> | null;
  upstream_response: unknown;
  /** null when the client received exactly the upstream response. */
  client_response: unknown;
  upstream_events: SseRecord[] | null;
  client_events: SseRecord[] | null;
  error_info: string | null;
  /** The upstream's usage, normalized: totals, per-modality `details`, and the `raw` object as received. */
  usage_details: Record<string, unknown> | null;
  /** What was clamped or dropped so the target model accepts the request. */
  adjustments?: string[];
  detail_truncated: boolean;
  parent_request_id: string | null;
}

export interface Totals {
  request_count: number;
  success_count: number;
  total_cost: number;
  input_cost: number;
  output_cost: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  /** Response cache: hits, lookups (hits + misses), hits ÷ lookups, and the cost the hits saved. */
  cache_hits: number;
  cache_lookups: number;
  cache_hit_rate: number;
  saved_cost: number;
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface TrendPoint {
  bucket_start: string;
  request_count: number;
  success_count: number;
  error_count: number;
  total_cost: number;
  input_cost: number;
  output_cost: number;
  input_tokens: number;
  output_tokens: number;
}

export interface CallStat {
  provider_id: number | null;
  provider_name: string;
  model: string;
  request_count: number;
  success_count: number;
  failure_count: number;
  success_rate: number;
  avg_total_time_ms: number | null;
  avg_first_byte_ms: number | null;
  total_time_ms: Percentiles;
  first_byte_ms: Percentiles;
}

export interface LogStats {
  start_time: string;
  end_time: string;
  bucket: string;
  bucket_minutes: number;
  group_by: 'request_model' | 'provider_model';
  summary: Totals & { failure_count: number; success_rate: number };
  latency: { first_byte_ms: Percentiles; total_time_ms: Percentiles };
  trend: TrendPoint[];
  by_model: (Totals & { model: string })[];
  by_model_tokens: (Totals & { model: string })[];
  by_model_cache: (Totals & { model: string })[];
  model_call_stats: CallStat[];
}
