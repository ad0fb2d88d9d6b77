// Owns the shapes the admin API answers for models, links, health, match, test and stats.

export type BillingMode =
  | 'token_flat'
  | 'token_tiered'
  | 'per_request'
  | 'per_image'
  | 'inherit_model_default';
export type Strategy = 'round_robin' | 'priority' | 'cost_first' | 'weighted_random';
export const STRATEGIES: Strategy[] = ['round_robin', 'priority', 'cost_first', 'weighted_random'];
export const MODEL_TYPES = ['chat', 'embedding', 'images', 'speech', 'transcription', 'completion'] as const;

export interface Tier {
  max_input_tokens: number | null;
  input_price: number;
  output_price: number;
  cached_input_price?: number | null;
  cached_output_price?: number | null;
  cache_creation_input_price?: number | null;
}

export interface Pricing {
  billing_mode: BillingMode | null;
  input_price: number | null;
  output_price: number | null;
  per_request_price: number | null;
  per_image_price: number | null;
  tiered_pricing: Tier[] | null;
  cache_billing_enabled: boolean;
  cached_input_price: number | null;
  cached_output_price: number | null;
  cache_creation_input_price: number | null;
}

export type RuleOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'contains'
  | 'not_contains'
  | 'regex'
  | 'in'
  | 'not_in'
  | 'exists';

export interface Rule {
  field: string;
  operator?: RuleOperator;
  value?: unknown;
}

export interface RuleSet {
  logic?: 'AND' | 'OR' | 'and' | 'or';
  rules?: Rule[];
}

export type CacheScope = 'key' | 'global';

export interface Model extends Pricing {
  requested_model: string;
  strategy: Strategy;
  model_type: string | null;
  matching_rules: RuleSet | null;
  expected_output_tokens: number | null;
  /** Response cache: seconds an answer is kept (null = off) and whose answers a key reads. */
  cache_ttl_seconds: number | null;
  cache_scope: CacheScope;
  /** Requests and tokens per UTC minute across every key (null = unlimited). */
  rpm_limit: number | null;
  tpm_limit: number | null;
  is_active: boolean;
  provider_count: number;
  active_provider_count: number;
  created_at: string | null;
  updated_at: string | null;
}

export interface LinkHealth {
  health_degraded: boolean;
  health_sample_count: number;
  health_failure_count: number;
  health_failure_rate: number;
  health_cooldown_until: string | null;
  health_next_probe_at?: string | null;
}

export interface ModelLink extends Pricing, LinkHealth {
  id: number;
  requested_model: string;
  provider_id: number;
  provider_name: string | null;
  provider_protocol: string | null;
  provider_is_active: boolean | null;
  target_model_name: string;
  provider_rules: RuleSet | null;
  priority: number;
  weight: number;
  is_active: boolean;
  paused_until: string | null;
  is_paused: boolean;
}

export interface ModelDetail extends Model {
  providers: ModelLink[];
}

export interface MatchCandidate extends LinkHealth {
  position: number;
  link_id: number;
  provider_id: number;
  provider_name: string;
  protocol: string;
  target_model_name: string;
  priority: number;
  weight: number;
  is_paused: boolean;
  billing_mode: string;
  price_source: string;
  input_price: number;
  output_price: number;
  estimated_cost: number;
}

export interface MatchResult {
  requested_model: string;
  strategy: Strategy;
  input_tokens: number;
  expected_output_tokens: number;
  matched_count: number;
  candidates: MatchCandidate[];
}

export type TestProtocol = 'openai' | 'anthropic' | 'openai_responses';

export interface ModelTestResult {
  response_status: number;
  provider_name: string | null;
  target_model: string | null;
  first_byte_delay_ms: number | null;
  total_time_ms: number | null;
  content: string | null;
  trace_id: string | null;
  error?: string | { message?: string } | null;
}

/** Per-model latency and health over the last days (`GET /api/admin/models/stats`). */
export interface ModelStat {
  requested_model: string;
  request_count: number;
  success_count?: number;
  failure_count?: number;
  success_rate?: number | null;
  avg_total_time_ms?: number | null;
  avg_first_byte_ms?: number | null;
  p50_total_time_ms?: number | null;
  p95_total_time_ms?: number | null;
}

/** `POST /api/admin/models/import`: names created, names that already existed, and per-model failures. */
export interface ModelImportResult {
  success: number;
  created: string[];
  skipped: string[];
  errors: { requested_model: string; message: string }[];
}

/** One provider's latest link to a target model, with the prices it resolves to (`pricing-history`). */
export interface PricingSuggestion {
  link_id: number;
  provider_id: number;
  provider_name: string;
  requested_model: string;
  target_model_name: string;
  updated_at: string;
  resolved_billing_mode: Exclude<BillingMode, 'inherit_model_default'>;
  resolved_input_price: number;
  resolved_output_price: number;
  resolved_per_request_price: number;
  resolved_per_image_price: number;
  resolved_tiered_pricing: Tier[];
  resolved_cache_billing_enabled: boolean;
  resolved_cached_input_price: number | null;
  resolved_cache_creation_input_price: number | null;
  price_source: 'SupplierOverride' | 'ModelFallback' | 'DefaultZero';
}
