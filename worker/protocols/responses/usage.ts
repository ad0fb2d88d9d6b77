// Owns the token-usage mapping between Chat (`prompt_tokens`…) and Responses (`input_tokens`…), cache and reasoning included.
import type { JsonObject } from '../types';
import { optNumber, optObject } from './json-fields';

/**
 * Chat usage → Responses usage. Both count cached and cache-written tokens inside the input
 * total, so the numbers carry over unchanged; only the names and nesting differ.
 */
export function chatUsageToResponses(usage: JsonObject): JsonObject {
  const input = optNumber(usage.prompt_tokens, 'usage.prompt_tokens') ?? 0;
  const output = optNumber(usage.completion_tokens, 'usage.completion_tokens') ?? 0;
  const prompt = optObject(usage.prompt_tokens_details, 'usage.prompt_tokens_details') ?? {};
  const completion = optObject(usage.completion_tokens_details, 'usage.completion_tokens_details') ?? {};
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: optNumber(prompt.cached_tokens, 'cached_tokens') ?? 0,
      cache_write_tokens: optNumber(prompt.cache_write_tokens, 'cache_write_tokens') ?? 0,
    },
    output_tokens: output,
    output_tokens_details: {
      reasoning_tokens: optNumber(completion.reasoning_tokens, 'reasoning_tokens') ?? 0,
    },
    total_tokens: optNumber(usage.total_tokens, 'usage.total_tokens') ?? input + output,
  };
}

/** Responses usage → Chat usage; `cache_write_tokens` is kept only when the source reported it. */
export function responsesUsageToChat(usage: JsonObject): JsonObject {
  const input = optNumber(usage.input_tokens, 'usage.input_tokens') ?? 0;
  const output = optNumber(usage.output_tokens, 'usage.output_tokens') ?? 0;
  const inDetails = optObject(usage.input_tokens_details, 'usage.input_tokens_details') ?? {};
  const outDetails = optObject(usage.output_tokens_details, 'usage.output_tokens_details') ?? {};
  const promptDetails: JsonObject = {
    cached_tokens: optNumber(inDetails.cached_tokens, 'cached_tokens') ?? 0,
  };
  const cacheWrite = optNumber(inDetails.cache_write_tokens, 'cache_write_tokens');
  if (cacheWrite !== undefined) promptDetails.cache_write_tokens = cacheWrite;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: optNumber(usage.total_tokens, 'usage.total_tokens') ?? input + output,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: {
      reasoning_tokens: optNumber(outDetails.reasoning_tokens, 'reasoning_tokens') ?? 0,
    },
  };
}
