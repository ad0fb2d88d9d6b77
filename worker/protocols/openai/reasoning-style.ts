// Owns fitting an OpenAI Chat request to a vendor's reasoning dialect (ReasoningStyle in catalogue.ts).
import type { ReasoningStyle } from '../catalogue';
import { isObject, str } from '../shared/json';
import { anthropicToChatEffort } from '../shared/reasoning-effort';
import type { JsonObject } from '../types';

interface ReasoningIntent {
  enabled: boolean;
  effort: string;
}

// Fields that carry reasoning on/off or effort in any vocabulary a Chat body may hold.
const REASONING_FIELDS = ['reasoning_effort', 'reasoning', 'thinking', 'enable_thinking'] as const;

/**
 * Rewrites a Chat request for an OpenAI-compatible vendor (reference §6.5); returns a new object.
 * The reasoning setting is read from any vocabulary (`reasoning_effort`, `reasoning.effort`,
 * Anthropic-style `thinking`, `enable_thinking`) and written in the vendor's only one:
 * - `openai`: `reasoning_effort`;
 * - `thinking_type` (DeepSeek, GLM, Kimi, Ark): `thinking: {type: "enabled" | "disabled"}`;
 * - `enable_thinking` (Dashscope): a boolean.
 * Assistant history is fitted too: official OpenAI rejects `reasoning_content`/`thinking_blocks`
 * on messages, while thinking-type vendors want `reasoning_content` back (tool-call turns) but not
 * `thinking_blocks`. Those vendors also get `max_tokens` instead of `max_completion_tokens`.
 */
export function applyReasoningStyle(body: JsonObject, style: ReasoningStyle): JsonObject {
  const intent = readIntent(body);
  const out: JsonObject = { ...body };
  for (const field of REASONING_FIELDS) delete out[field];
  if (intent) {
    if (style === 'openai') out.reasoning_effort = intent.effort;
    else if (style === 'thinking_type') out.thinking = { type: intent.enabled ? 'enabled' : 'disabled' };
    else out.enable_thinking = intent.enabled;
  }
  if (Array.isArray(body.messages)) out.messages = body.messages.map((m) => fitHistory(m, style));
  if (style !== 'openai' && out.max_completion_tokens !== undefined) {
    if (out.max_tokens === undefined) out.max_tokens = out.max_completion_tokens;
    delete out.max_completion_tokens;
  }
  return out;
}

function readIntent(body: JsonObject): ReasoningIntent | undefined {
  const effort =
    str(body.reasoning_effort) ?? (isObject(body.reasoning) ? str(body.reasoning.effort) : undefined);
  if (effort) return { enabled: effort !== 'none', effort };
  const fromThinking = anthropicToChatEffort(body.thinking, undefined);
  if (fromThinking) return { enabled: fromThinking !== 'none', effort: fromThinking };
  if (typeof body.enable_thinking === 'boolean') {
    return { enabled: body.enable_thinking, effort: body.enable_thinking ? 'medium' : 'none' };
  }
  return undefined;
}

function fitHistory(message: unknown, style: ReasoningStyle): unknown {
  if (!isObject(message) || message.role !== 'assistant') return message;
  const drop =
    style === 'openai' ? ['reasoning_content', 'reasoning', 'thinking_blocks'] : ['thinking_blocks'];
  if (!drop.some((key) => key in message)) return message;
  const copy: JsonObject = { ...message };
  for (const key of drop) delete copy[key];
  return copy;
}
