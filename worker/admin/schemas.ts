// Owns the admin API's input schemas (zod); the dashboard imports the inferred types.
import { z } from 'zod';
import { nestsDeeperThan } from '../lib/json-depth';
import { BUDGET_PERIODS } from '../limits/types';
import { PROTOCOL_NAMES } from '../protocols/catalogue';
import { isForwardPattern } from '../protocols/headers';
import { rulePatternProblem } from '../routing/rule-regex';
import { CACHE_SCOPES, MAX_CACHE_TTL_SECONDS, RULE_OPERATORS } from '../routing/types';

const price = z.number().min(0, 'prices cannot be negative').max(1_000_000).nullable();
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid header name');
/** Header values go on the wire as they are: CR, LF and NUL would split or end a header line. */
const headerValue = z
  .string()
  .max(4096)
  .refine((v) => !/[\r\n\0]/.test(v), 'header values may not contain CR, LF or NUL');

/** Stored JSON the admin sends without a fixed shape: at most this deep and this large when serialized. */
export const MAX_JSON_DEPTH = 8;
export const MAX_JSON_BYTES = 16 * 1024;

function withinLimits(value: unknown, ctx: z.RefinementCtx): void {
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    ctx.addIssue({ code: 'custom', message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    return;
  }
  if (value !== undefined && JSON.stringify(value).length > MAX_JSON_BYTES) {
    ctx.addIssue({ code: 'custom', message: `larger than ${MAX_JSON_BYTES} bytes as JSON` });
  }
}

/** Any JSON value within the stored-config limits (depth and size). */
export const boundedJson = z.unknown().superRefine(withinLimits);

export const ruleSchema = z
  .object({
    field: z.string().min(1).max(200),
    operator: z.enum(RULE_OPERATORS).optional(),
    value: boundedJson.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.operator !== 'regex' || typeof rule.value !== 'string') return;
    const problem = rulePatternProblem(rule.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

export const ruleSetSchema = z
  .object({
    logic: z.enum(['AND', 'OR', 'and', 'or']).optional(),
    rules: z.array(ruleSchema).max(50).optional(),
  })
  .nullable();

export const tierSchema = z.object({
  max_input_tokens: z.number().int().min(1).nullable(),
  input_price: z.number().min(0),
  output_price: z.number().min(0),
  cached_input_price: price.optional(),
  cached_output_price: price.optional(),
  cache_creation_input_price: price.optional(),
});

const pricingShape = {
  input_price: price.optional(),
  output_price: price.optional(),
  per_request_price: price.optional(),
  per_image_price: price.optional(),
  tiered_pricing: z.array(tierSchema).max(20).nullable().optional(),
  cache_billing_enabled: z.boolean().nullable().optional(),
  cached_input_price: price.optional(),
  cached_output_price: price.optional(),
  cache_creation_input_price: price.optional(),
};

const modelBillingMode = z.enum(['token_flat', 'token_tiered', 'per_request', 'per_image']).nullable();
const linkBillingMode = z
  .enum(['token_flat', 'token_tiered', 'per_request', 'per_image', 'inherit_model_default'])
  .nullable();

export const providerCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  remark: z.string().max(500).nullable().optional(),
  base_url: z.string().trim().min(1).max(500),
  protocol: z.enum(PROTOCOL_NAMES),
  // Room for a service-account JSON key (about 2.4 KB) as well as plain keys.
  api_key: z.string().max(16384).nullable().optional(),
  extra_headers: z
    .record(headerName, headerValue)
    .refine((h) => Object.keys(h).length <= 50, 'at most 50 extra headers')
    .nullable()
    .optional(),
  provider_options: z
    .object({
      default_parameters: z.record(z.string(), z.number()).optional(),
      no_suffix: z.boolean().optional(),
      forward_headers: z
        .array(
          z
            .string()
            .transform((v) => v.trim().toLowerCase())
            .refine(isForwardPattern, 'a header name (optionally ending in *) that is not a credential'),
        )
        .max(50)
        .optional(),
      region: z
        .string()
        .regex(/^[a-z0-9-]{1,32}$/)
        .optional(),
      anthropic_beta: z
        .array(
          z
            .string()
            .trim()
            .regex(/^[a-z0-9._-]+\*?$/i, 'an anthropic-beta value, optionally ending in *'),
        )
        .max(100)
        .optional(),
      model_capabilities: z
        .record(
          z.string().trim().min(1).max(200),
          z.object({
            max_output_tokens: z.number().int().positive().optional(),
            refused_parameters: z
              .array(z.string().regex(/^[a-z_]+$/))
              .max(50)
              .optional(),
          }),
        )
        .refine((m) => Object.keys(m).length <= 200, 'at most 200 model entries')
        .optional(),
    })
    .nullable()
    .optional(),
  response_timeout_seconds: z.number().int().min(1).max(86_400).optional(),
  is_active: z.boolean().optional(),
});
export const providerUpdateSchema = providerCreateSchema.partial();

export const modelNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_\-./:@]+$/, 'use letters, digits and _ - . / : @ only');

/** A per-minute rate or a cap: a positive whole number, or null for unlimited. */
const perMinute = z.number().int().min(1).max(1_000_000_000).nullable();
const usdLimit = z.number().min(0, 'a budget cannot be negative').max(1_000_000_000).nullable();

/** A model name a key may use, optionally ending in `*` (every name with that prefix). */
export const allowedModelSchema = z
  .string()
  .trim()
  .min(1)
  .max(101)
  .regex(/^[A-Za-z0-9_\-./:@]*\*?$/, 'a model name (letters, digits, _ - . / : @), optionally ending in *');

/** The governance fields of a key (SPEC §15); each null = unlimited. */
export const keyLimitsShape = {
  rpm_limit: perMinute.optional(),
  tpm_limit: perMinute.optional(),
  concurrency_limit: z.number().int().min(1).max(1_000_000).nullable().optional(),
  budget_usd: usdLimit.optional(),
  budget_period: z.enum(BUDGET_PERIODS).nullable().optional(),
  allowed_models: z.array(allowedModelSchema).max(500).nullable().optional(),
  user_rpm_limit: perMinute.optional(),
  user_budget_usd: usdLimit.optional(),
};

export const modelCreateSchema = z.object({
  requested_model: modelNameSchema,
  strategy: z.enum(['round_robin', 'priority', 'cost_first', 'weighted_random']).optional(),
  model_type: z.enum(['chat', 'embedding', 'images', 'speech', 'transcription', 'completion']).optional(),
  matching_rules: ruleSetSchema.optional(),
  capabilities: z.record(z.string(), z.unknown()).superRefine(withinLimits).nullable().optional(),
  expected_output_tokens: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** Requests and tokens per UTC minute across every key. */
  rpm_limit: perMinute.optional(),
  tpm_limit: perMinute.optional(),
  billing_mode: modelBillingMode.optional(),
  ...pricingShape,
  /** Response cache: seconds an answer is kept (null = off), and whose entries a key reads. */
  cache_ttl_seconds: z.number().int().min(1).max(MAX_CACHE_TTL_SECONDS).nullable().optional(),
  cache_scope: z.enum(CACHE_SCOPES).optional(),
  is_active: z.boolean().optional(),
});
export const modelUpdateSchema = modelCreateSchema.omit({ requested_model: true }).partial();

export const linkCreateSchema = z.object({
  requested_model: modelNameSchema,
  provider_id: z.number().int().positive(),
  target_model_name: z.string().trim().min(1).max(200),
  provider_rules: ruleSetSchema.optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  weight: z.number().int().min(1).max(1_000_000).optional(),
  billing_mode: linkBillingMode.optional(),
  ...pricingShape,
  is_active: z.boolean().optional(),
  paused_until: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const linkUpdateSchema = linkCreateSchema.omit({ requested_model: true }).partial();

export const apiKeyCreateSchema = z.object({
  key_name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w\s\-\u4e00-\u9fff\u3040-\u30ff.]+$/u, 'use letters, digits, spaces, _ - . and CJK only'),
  record_details: z.boolean().optional(),
  is_active: z.boolean().optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  /** May call the MCP management server at /mcp (settable here and in the dashboard, never through MCP). */
  is_mcp_admin: z.boolean().optional(),
  ...keyLimitsShape,
});
export const apiKeyUpdateSchema = apiKeyCreateSchema.partial();

export const loginSchema = z.object({ username: z.string().max(200), password: z.string().max(1000) });

export const matchSchema = z.object({
  input_tokens: z.number().int().min(0).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
  api_key: z.string().optional(),
});

export type ProviderCreate = z.infer<typeof providerCreateSchema>;
export type ModelCreate = z.infer<typeof modelCreateSchema>;
export type LinkCreate = z.infer<typeof linkCreateSchema>;
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;
