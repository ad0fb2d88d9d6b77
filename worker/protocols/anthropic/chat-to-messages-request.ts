// Owns OpenAI Chat request → Anthropic Messages request: the top-level parameters.
//
// Anthropic rejects fields it does not know, so only what is named here goes through. Dropped, with
// no Anthropic counterpart: frequency_penalty, presence_penalty, logit_bias, logprobs, top_logprobs,
// n (one choice only), seed, stream_options (Anthropic streams always carry usage), store,
// modalities, audio, prediction, prompt_cache_key, prompt_cache_retention, prompt_cache_options,
// service_tier, verbosity, web_search_options, moderation, `metadata` keys other than user_id,
// response_format json_object/text, and any other unknown field.

import { copyKeys, isObject, num, requireArray, str } from '../shared/json';
import { chatEffortToAnthropic } from '../shared/reasoning-effort';
import { ConversionError, type JsonObject } from '../types';
import { chatMessagesToAnthropic } from './chat-to-messages-messages';
import { chatToolChoiceToAnthropic, chatToolsToAnthropic } from './chat-to-messages-tools';
import { fitThinkingToHistory } from './thinking-history';

/** Anthropic requires max_tokens; reference §4.1 fixes the default. */
export const DEFAULT_MAX_TOKENS = 4096;

// Anthropic-only fields a Chat client may send on purpose (e.g. via extra_body); passed as-is.
const ANTHROPIC_NATIVE = [
  'cache_control',
  'container',
  'context_management',
  'mcp_servers',
  'inference_geo',
  'speed',
  'diagnostics',
] as const;

/** OpenAI Chat request → Anthropic Messages request. `model` is copied as-is; the caller sets the target. */
export function chatRequestToMessages(body: JsonObject): JsonObject {
  const conversation = chatMessagesToAnthropic(requireArray(body.messages, 'messages'));
  const out: JsonObject = {};
  if (body.model !== undefined) out.model = body.model;
  if (conversation.system !== undefined) out.system = conversation.system;
  out.messages = conversation.messages;
  out.max_tokens = num(body.max_completion_tokens) ?? num(body.max_tokens) ?? DEFAULT_MAX_TOKENS;
  const stop = stopSequences(body.stop);
  if (stop) out.stop_sequences = stop;
  const tools = chatToolsToAnthropic(body);
  if (tools) {
    out.tools = tools;
    const choice = chatToolChoiceToAnthropic(body);
    if (choice) out.tool_choice = choice; // Without tools Anthropic rejects a tool_choice.
  }
  applyReasoningAndFormat(body, out);
  fitThinkingToHistory(out, isObject(body.thinking));
  applySampling(body, out);
  const userId =
    str(body.user) ??
    str(body.safety_identifier) ??
    (isObject(body.metadata) ? str(body.metadata.user_id) : undefined);
  if (userId) out.metadata = { user_id: userId };
  if (typeof body.stream === 'boolean') out.stream = body.stream;
  copyKeys(body, out, ANTHROPIC_NATIVE);
  return out;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const list = typeof stop === 'string' ? [stop] : stop;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw new ConversionError('stop must be a string or an array of strings');
  }
  const kept = list.filter((s) => s !== '');
  return kept.length > 0 ? kept : undefined;
}

function applyReasoningAndFormat(body: JsonObject, out: JsonObject): void {
  const effort = body.reasoning_effort ?? (isObject(body.reasoning) ? body.reasoning.effort : undefined);
  const mapped = chatEffortToAnthropic(effort);
  // A client that already speaks Anthropic's `thinking` (LiteLLM-style) keeps its own setting.
  if (isObject(body.thinking)) out.thinking = body.thinking;
  else if (mapped) out.thinking = mapped.thinking;
  else if (typeof body.enable_thinking === 'boolean') {
    out.thinking = { type: body.enable_thinking ? 'adaptive' : 'disabled' };
  }
  const config: JsonObject = isObject(body.output_config) ? { ...body.output_config } : {};
  if (mapped?.effort && config.effort === undefined) config.effort = mapped.effort;
  const format = body.response_format;
  if (isObject(format) && format.type === 'json_schema' && isObject(format.json_schema)) {
    const schema = format.json_schema.schema;
    if (isObject(schema) && config.format === undefined) config.format = { type: 'json_schema', schema };
  }
  if (Object.keys(config).length > 0) out.output_config = config;
}

/**
 * Anthropic takes temperature in 0–1 (clamped), and newer models reject temperature and top_p
 * together, so top_p yields to temperature. With thinking on, temperature and top_k must stay
 * default and top_p must be ≥ 0.95, so they are left out or raised.
 */
function applySampling(body: JsonObject, out: JsonObject): void {
  const thinking = isObject(out.thinking) && out.thinking.type !== 'disabled';
  const temperature = num(body.temperature);
  const topP = num(body.top_p);
  const topK = num(body.top_k);
  if (temperature !== undefined && !thinking) out.temperature = Math.min(1, Math.max(0, temperature));
  if (topP !== undefined && out.temperature === undefined) out.top_p = thinking ? Math.max(0.95, topP) : topP;
  if (topK !== undefined && !thinking) out.top_k = topK;
}
