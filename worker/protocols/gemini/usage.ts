// Owns token usage mapping between Gemini `usageMetadata` and OpenAI Chat usage (cache and thought tokens included).
import { isObject, num } from '../shared/json';
import type { JsonObject } from '../types';

/**
 * Gemini usage → Chat usage. `promptTokenCount` includes cached tokens (as Chat's `prompt_tokens`
 * does); `candidatesTokenCount` excludes thought tokens, which Chat counts inside `completion_tokens`
 * and names again as `reasoning_tokens`. Tool-use prompt tokens are input.
 */
export function geminiUsageToChat(usage: unknown): JsonObject {
  const u = isObject(usage) ? usage : {};
  const prompt = (num(u.promptTokenCount) ?? 0) + (num(u.toolUsePromptTokenCount) ?? 0);
  const thoughts = num(u.thoughtsTokenCount) ?? 0;
  const completion = (num(u.candidatesTokenCount) ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: num(u.cachedContentTokenCount) ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}

/** Chat usage → Gemini usage, the inverse of geminiUsageToChat. */
export function chatUsageToGemini(usage: unknown): JsonObject {
  const u = isObject(usage) ? usage : {};
  const prompt = num(u.prompt_tokens) ?? 0;
  const completion = num(u.completion_tokens) ?? 0;
  const pd = isObject(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const cd = isObject(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const cached = num(pd.cached_tokens) ?? num(u.prompt_cache_hit_tokens) ?? 0;
  const thoughts = Math.min(num(cd.reasoning_tokens) ?? 0, completion);
  const out: JsonObject = {
    promptTokenCount: prompt,
    candidatesTokenCount: completion - thoughts,
    totalTokenCount: prompt + completion,
  };
  if (cached > 0) out.cachedContentTokenCount = cached;
  if (thoughts > 0) out.thoughtsTokenCount = thoughts;
  return out;
}
