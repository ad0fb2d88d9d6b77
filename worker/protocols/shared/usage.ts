// Owns token usage mapping between Anthropic Messages and OpenAI Chat, cache read/write and reasoning included.
import type { JsonObject } from '../types';
import { isObject, num } from './json';

/**
 * Anthropic usage → Chat usage. Anthropic's `input_tokens` excludes cached tokens, Chat's
 * `prompt_tokens` includes them; cache writes stay visible as `prompt_tokens_details.cache_write_tokens`
 * (the field OpenAI itself reports), reasoning as `completion_tokens_details.reasoning_tokens`.
 */
export function anthropicUsageToChat(usage: unknown): JsonObject {
  const u = isObject(usage) ? usage : {};
  const input = num(u.input_tokens) ?? 0;
  const cacheWrite = num(u.cache_creation_input_tokens) ?? 0;
  const cacheRead = num(u.cache_read_input_tokens) ?? 0;
  const output = num(u.output_tokens) ?? 0;
  const details = isObject(u.output_tokens_details) ? u.output_tokens_details : {};
  const prompt = input + cacheWrite + cacheRead;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
    completion_tokens_details: { reasoning_tokens: num(details.thinking_tokens) ?? 0 },
  };
}

/**
 * Chat usage → Anthropic usage: `input_tokens` = prompt − cache read − cache write. DeepSeek's
 * top-level `prompt_cache_hit_tokens` stands in for `cached_tokens` when the details are missing.
 */
export function chatUsageToAnthropic(usage: unknown): JsonObject {
  const u = isObject(usage) ? usage : {};
  const prompt = num(u.prompt_tokens) ?? 0;
  const details = isObject(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const cacheRead = num(details.cached_tokens) ?? num(u.prompt_cache_hit_tokens) ?? 0;
  const cacheWrite = num(details.cache_write_tokens) ?? num(details.cache_creation_tokens) ?? 0;
  const completion = isObject(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const reasoning = num(completion.reasoning_tokens) ?? 0;
  const out: JsonObject = {
    input_tokens: Math.max(0, prompt - cacheRead - cacheWrite),
    output_tokens: num(u.completion_tokens) ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
  if (reasoning > 0) out.output_tokens_details = { thinking_tokens: reasoning };
  return out;
}
