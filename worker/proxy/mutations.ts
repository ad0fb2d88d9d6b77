// Owns the complete list of body changes on a same-protocol request (SPEC §4.1), applied as text splices.
import { deleteTopLevel, getTopLevelRaw, setTopLevel } from '../lib/json-splice';
import { capabilitiesOf, maxOutputField } from '../protocols/capabilities';
import type { EndpointId } from '../protocols/endpoints';
import { applyReasoningStyle } from '../protocols/openai/reasoning-style';
import type { JsonObject } from '../protocols/types';
import type { ProviderConfig } from '../routing/types';

const SAMPLING_DEFAULTS = ['temperature', 'top_p', 'top_k'] as const;

function absent(json: JsonObject, key: string): boolean {
  return json[key] === undefined || json[key] === null;
}

/** The max-output-tokens field a default fills, or null when the request already limits output. */
function maxTokensField(endpoint: EndpointId, json: JsonObject): string | null {
  if (endpoint === 'responses') return absent(json, 'max_output_tokens') ? 'max_output_tokens' : null;
  if (absent(json, 'max_tokens') && absent(json, 'max_completion_tokens')) return 'max_tokens';
  return null;
}

/**
 * Builds the upstream body for a same-protocol request from the client's raw text:
 * 1. `model` → the target model; 2. streams to OpenAI-protocol providers ask for usage;
 * 3. provider default parameters fill absent fields; 4. Anthropic `max_tokens` defaults to 4096;
 * 5. what the target model cannot take is clamped or dropped (protocols/capabilities.ts), each
 * change listed in `adjustments` for the log. Everything else keeps the client's bytes.
 * `onlyModel` says nothing but the model changed.
 */
export function sameProtocolBody(
  raw: string,
  json: JsonObject,
  endpoint: EndpointId,
  provider: ProviderConfig,
  targetModel: string,
  stream: boolean,
): { body: string; onlyModel: boolean; adjustments: string[] } {
  const withModel = setTopLevel(raw, 'model', JSON.stringify(targetModel));
  let out = withModel;
  const chatLike =
    endpoint === 'chat' || endpoint === 'completions' || endpoint === 'messages' || endpoint === 'responses';
  if (!chatLike) return { body: out, onlyModel: true, adjustments: [] };
  if (stream && provider.implementation === 'openai' && (endpoint === 'chat' || endpoint === 'completions')) {
    out = withUsageRequested(out, json);
  }
  if (endpoint === 'chat' && provider.reasoning !== 'openai') out = vendorReasoning(out, json, provider);
  const defaults = provider.options.default_parameters ?? {};
  for (const key of SAMPLING_DEFAULTS) {
    const value = defaults[key];
    if (typeof value === 'number' && absent(json, key)) out = setTopLevel(out, key, JSON.stringify(value));
  }
  const field = maxTokensField(endpoint, json);
  const fallback = provider.implementation === 'anthropic' && endpoint === 'messages' ? 4096 : undefined;
  const maxTokens = typeof defaults.max_tokens === 'number' ? defaults.max_tokens : fallback;
  const filled: JsonObject = {};
  for (const key of SAMPLING_DEFAULTS)
    if (typeof defaults[key] === 'number' && absent(json, key)) filled[key] = defaults[key];
  if (field && maxTokens !== undefined) {
    out = setTopLevel(out, field, JSON.stringify(maxTokens));
    filled[field] = maxTokens;
  }
  const fitted = fitCapabilities(out, { ...json, ...filled }, endpoint, provider, targetModel);
  out = fitted.body;
  // Unchanged splices return the very same string, so this is a pointer comparison in the common case.
  return { body: out, onlyModel: out === withModel, adjustments: fitted.adjustments };
}

/** Clamps the output-token field and drops refused parameters for the target model, as text splices. */
function fitCapabilities(
  body: string,
  sent: JsonObject,
  endpoint: EndpointId,
  provider: ProviderConfig,
  targetModel: string,
): { body: string; adjustments: string[] } {
  const caps =
    endpoint === 'completions' ? undefined : capabilitiesOf(targetModel, provider.options.model_capabilities);
  if (!caps) return { body, adjustments: [] };
  const adjustments: string[] = [];
  let out = body;
  const limit = caps.max_output_tokens;
  const fields =
    endpoint === 'chat'
      ? ['max_completion_tokens', 'max_tokens']
      : [maxOutputField(endpoint as 'messages' | 'responses', sent)];
  for (const field of fields) {
    const value = sent[field];
    if (limit === undefined || typeof value !== 'number' || value <= limit) continue;
    out = setTopLevel(out, field, String(limit));
    adjustments.push(`${field} ${value} lowered to ${limit}, the most ${targetModel} accepts`);
  }
  for (const name of caps.refused_parameters ?? []) {
    if (sent[name] === undefined || name === 'model') continue;
    out = deleteTopLevel(out, name);
    adjustments.push(`${name} dropped: ${targetModel} refuses it`);
  }
  return { body: out, adjustments };
}

const VENDOR_FIELDS = [
  'reasoning_effort',
  'reasoning',
  'thinking',
  'enable_thinking',
  'max_completion_tokens',
];

/**
 * An OpenAI-compatible vendor with its own reasoning switch (DeepSeek's `thinking`, Dashscope's
 * `enable_thinking`) gets the client's reasoning setting in its own vocabulary — part of converting
 * to the provider's protocol dialect. Only fields that change are spliced; the rest keeps its bytes.
 */
function vendorReasoning(raw: string, json: JsonObject, provider: ProviderConfig): string {
  const history =
    Array.isArray(json.messages) &&
    json.messages.some((m) => m && typeof m === 'object' && 'thinking_blocks' in m);
  if (!history && !VENDOR_FIELDS.some((k) => json[k] !== undefined)) return raw;
  const fitted = applyReasoningStyle(json, provider.reasoning);
  let out = raw;
  for (const key of new Set([...Object.keys(json), ...Object.keys(fitted)])) {
    if (key === 'model') continue;
    const before = json[key];
    const after = fitted[key];
    if (after === undefined) {
      if (before !== undefined) out = deleteTopLevel(out, key);
    } else if (JSON.stringify(after) !== JSON.stringify(before)) {
      out = setTopLevel(out, key, JSON.stringify(after));
    }
  }
  return out;
}

/** Sets `stream_options.include_usage = true`, keeping any other stream options the client sent. */
function withUsageRequested(raw: string, json: JsonObject): string {
  const current = json.stream_options;
  if (current && typeof current === 'object' && !Array.isArray(current)) {
    if ((current as JsonObject).include_usage === true) return raw;
    const existing = getTopLevelRaw(raw, 'stream_options');
    const merged = existing
      ? { ...(JSON.parse(existing) as JsonObject), include_usage: true }
      : { include_usage: true };
    return setTopLevel(raw, 'stream_options', JSON.stringify(merged));
  }
  return setTopLevel(raw, 'stream_options', '{"include_usage":true}');
}

/** True when the client itself asked for the usage chunk. */
export function clientAskedUsage(json: JsonObject): boolean {
  const opts = json.stream_options;
  return !!opts && typeof opts === 'object' && (opts as JsonObject).include_usage === true;
}
