// Owns Workers AI text-generation output (`{response, tool_calls, usage}`) → OpenAI Chat completion.
import { isObject, nowSeconds, str } from '../shared/json';
import type { JsonObject } from '../types';

function toolCalls(raw: unknown): JsonObject[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((call, i) => {
    // Native output is `{name, arguments: {...}}`; OpenAI-style models already say `{id, function}`.
    const fn = isObject(call.function) ? call.function : call;
    const args = fn.arguments;
    return {
      id: str(call.id) ?? `call_wai_${i}_${crypto.randomUUID().slice(0, 8)}`,
      type: 'function',
      function: {
        name: str(fn.name) ?? '',
        arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
      },
    };
  });
}

/** A run result → Chat. Models that already answer in Chat shape (`choices`) pass through. */
export function workersAiResultToChat(result: unknown, model: string): JsonObject {
  const r = isObject(result) ? result : {};
  if (Array.isArray(r.choices)) return { ...r, model: str(r.model) ?? model };
  const calls = toolCalls(r.tool_calls);
  const text =
    typeof r.response === 'string' ? r.response : r.response === undefined ? '' : JSON.stringify(r.response);
  const message: JsonObject = {
    role: 'assistant',
    content: calls.length > 0 && text === '' ? null : text,
    refusal: null,
  };
  if (calls.length > 0) message.tool_calls = calls;
  const usage = isObject(r.usage) ? r.usage : { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  return {
    id: `chatcmpl-wai-${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`,
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: calls.length > 0 ? 'tool_calls' : 'stop' }],
    usage,
  };
}
