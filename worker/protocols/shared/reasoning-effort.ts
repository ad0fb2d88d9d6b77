// Owns the request-side reasoning vocabulary mapping: OpenAI `reasoning_effort` ⇄ Anthropic `thinking` + `output_config.effort`.
import type { JsonObject } from '../types';
import { isObject, str } from './json';

/** What an Anthropic request needs to express one OpenAI effort. */
export interface AnthropicReasoning {
  thinking: JsonObject;
  effort?: string;
}

const CHAT_TO_ANTHROPIC_EFFORT: Readonly<Record<string, string>> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  // Reference §6.5 maps the top OpenAI level to Anthropic's top level.
  xhigh: 'max',
  max: 'max',
};

const ANTHROPIC_TO_CHAT_EFFORT: Readonly<Record<string, string>> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'xhigh',
};

/**
 * OpenAI effort → Anthropic thinking. Thinking is `adaptive`, not `enabled`: current Claude models
 * reject `enabled` (it needs a `budget_tokens` the client never gave), and effort steers depth.
 * Unknown efforts return undefined so the request goes without reasoning settings.
 */
export function chatEffortToAnthropic(effort: unknown): AnthropicReasoning | undefined {
  if (effort === 'none') return { thinking: { type: 'disabled' } };
  const mapped = typeof effort === 'string' ? CHAT_TO_ANTHROPIC_EFFORT[effort] : undefined;
  if (!mapped) return undefined;
  return { thinking: { type: 'adaptive' }, effort: mapped };
}

/**
 * Anthropic thinking + effort → OpenAI effort (reference §6.5): disabled → `none`; an explicit
 * effort maps by level; thinking on without effort → `medium`; nothing set → undefined.
 */
export function anthropicToChatEffort(thinking: unknown, effort: unknown): string | undefined {
  const type = isObject(thinking) ? str(thinking.type) : undefined;
  if (type === 'disabled') return 'none';
  const mapped = typeof effort === 'string' ? ANTHROPIC_TO_CHAT_EFFORT[effort] : undefined;
  if (mapped) return mapped;
  return type ? 'medium' : undefined;
}
