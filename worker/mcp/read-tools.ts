// Owns the MCP read tools: the admin plane's lists, details and statistics, each one admin GET.
import { z } from 'zod';
import { segment, tool } from './tool-spec';

const page = z.number().int().min(1).max(1_000_000).optional().describe('Page number, from 1');
const pageSize = (max: number) =>
  z.number().int().min(1).max(max).default(50).describe(`Items per page (1–${max}, default 50)`);
const id = z.number().int().positive();
const text = z.string().max(255).optional();
const isoTime = z.string().max(40).optional().describe('ISO 8601 time');
const timeline = z.enum(['1h', '3h', '6h', '12h', '24h', '1w']).optional();

const range = {
  start_time: isoTime,
  end_time: isoTime,
  timeline,
  requested_model: text.describe('Substring of the requested model'),
  provider_id: id.optional(),
  api_key_id: id.optional(),
};

export const READ_TOOLS = [
  tool({
    name: 'list_providers',
    description: 'List upstream providers (API keys masked), newest first.',
    input: z.object({
      page,
      page_size: pageSize(200),
      name: text,
      protocol: text,
      is_active: z.boolean().optional(),
    }),
    call: (q) => ({ method: 'GET', path: '/providers', query: q }),
  }),
  tool({
    name: 'get_provider',
    description: 'One provider by id (API key and secret headers masked).',
    input: z.object({ id }),
    call: (a) => ({ method: 'GET', path: `/providers/${a.id}` }),
  }),
  tool({
    name: 'list_provider_upstream_models',
    description: "Ask a provider's upstream for its model list (doubles as a connection test).",
    input: z.object({ id }),
    call: (a) => ({ method: 'GET', path: `/providers/${a.id}/models` }),
  }),
  tool({
    name: 'list_models',
    description: 'List client-visible models with their provider counts.',
    input: z.object({
      page,
      page_size: pageSize(200),
      requested_model: text,
      target_model_name: text,
      strategy: text,
      model_type: text,
      is_active: z.boolean().optional(),
    }),
    call: (q) => ({ method: 'GET', path: '/models', query: q }),
  }),
  tool({
    name: 'get_model',
    description: 'One model by name, with its provider links and their health.',
    input: z.object({ name: z.string().min(1).max(200) }),
    call: (a) => ({ method: 'GET', path: `/models/${segment(a.name)}` }),
  }),
  tool({
    name: 'list_model_providers',
    description: 'List the links from models to providers and target models.',
    input: z.object({
      page,
      page_size: pageSize(200),
      requested_model: text,
      provider_id: id.optional(),
      is_active: z.boolean().optional(),
    }),
    call: (q) => ({ method: 'GET', path: '/model-providers', query: q }),
  }),
  tool({
    name: 'get_model_stats',
    description: 'Call health per requested model (requests, failures, latency), last week by default.',
    input: z.object(range),
    call: (q) => ({ method: 'GET', path: '/models/stats', query: q }),
  }),
  tool({
    name: 'get_model_provider_stats',
    description: 'Cost, tokens and call health per provider × target model, last 24 hours by default.',
    input: z.object(range),
    call: (q) => ({ method: 'GET', path: '/logs/stats', query: { ...q, group_by: 'provider_model' } }),
  }),
  tool({
    name: 'get_log_cost_stats',
    description:
      'Request, token and cost summary with trend and latency percentiles, last 24 hours by default.',
    input: z.object({ ...range, tz_offset_minutes: z.number().int().min(-840).max(840).optional() }),
    call: (q) => ({ method: 'GET', path: '/logs/stats', query: q }),
  }),
  tool({
    name: 'list_api_keys',
    description: 'List gateway keys (values masked) with their monthly cost.',
    input: z.object({ page, page_size: pageSize(200), is_active: z.boolean().optional() }),
    call: (q) => ({ method: 'GET', path: '/api-keys', query: q }),
  }),
  tool({
    name: 'get_api_key',
    description: 'One gateway key by id (value masked).',
    input: z.object({ id }),
    call: (a) => ({ method: 'GET', path: `/api-keys/${a.id}` }),
  }),
  tool({
    name: 'get_api_key_usage',
    description:
      "A gateway key's use of each of its limits: requests and tokens this minute, concurrency, budget spent.",
    input: z.object({ id }),
    call: (a) => ({ method: 'GET', path: `/api-keys/${a.id}/usage` }),
  }),
  tool({
    name: 'list_request_logs',
    description: 'Search the request log (newest first) with the same filters as the dashboard.',
    input: z.object({
      ...range,
      page,
      page_size: pageSize(100),
      trace_id: text,
      target_model: text,
      api_key_name: text,
      user_id: text,
      status_min: z.number().int().min(0).max(999).optional(),
      status_max: z.number().int().min(0).max(999).optional(),
      has_error: z.boolean().optional(),
      is_stream: z.boolean().optional(),
    }),
    call: (q) => ({ method: 'GET', path: '/logs', query: q }),
  }),
  tool({
    name: 'get_request_log',
    description:
      'One log record with its stored bodies (secrets already masked; credential headers redacted).',
    input: z.object({ id: z.string().min(1).max(100) }),
    call: (a) => ({ method: 'GET', path: `/logs/${segment(a.id)}` }),
  }),
  tool({
    name: 'list_in_flight_requests',
    description: 'Requests running now on any instance (listed after about one sync interval), oldest first.',
    input: z.object({}),
    call: () => ({ method: 'GET', path: '/logs/in-flight' }),
  }),
  tool({
    name: 'get_telemetry_export_stats',
    description: 'What the OTLP export delivered, retried and dropped per day and signal.',
    input: z.object({ days: z.number().int().min(1).max(400).optional() }),
    call: (q) => ({ method: 'GET', path: '/telemetry/export-stats', query: q }),
  }),
  tool({
    name: 'list_audit_log',
    description: 'The audit log of admin and MCP changes, newest first.',
    input: z.object({
      page,
      page_size: pageSize(200),
      action: text,
      actor: text,
      actor_type: z.enum(['admin', 'mcp']).optional(),
      target_type: text,
      target_id: text,
    }),
    call: (q) => ({ method: 'GET', path: '/audit', query: q }),
  }),
];
