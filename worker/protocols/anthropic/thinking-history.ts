// Owns keeping a converted conversation acceptable to Anthropic's thinking rules on the final assistant turn.
import { isObject } from '../shared/json';
import type { JsonObject } from '../types';

const THINKING_TYPES = new Set(['thinking', 'redacted_thinking']);

/**
 * Anthropic rejects two histories a Chat client easily sends:
 * - thinking on, and the last assistant message calls tools without starting with a thinking block
 *   (the client did not replay `thinking_blocks`): thinking is turned off for this request, which
 *   Anthropic's own error message recommends, rather than failing it;
 * - thinking off, and the conversation ends with an assistant prefill that holds thinking blocks:
 *   those blocks are removed from the prefill.
 * A `thinking` setting the client wrote itself (`explicit`) is never changed.
 */
export function fitThinkingToHistory(out: JsonObject, explicit: boolean): void {
  const messages = Array.isArray(out.messages) ? (out.messages as JsonObject[]) : [];
  const thinkingOn = isObject(out.thinking) && out.thinking.type !== 'disabled';
  const lastAssistant = messages.findLast((m) => m.role === 'assistant');
  if (thinkingOn && !explicit && lastAssistant && Array.isArray(lastAssistant.content)) {
    const blocks = lastAssistant.content as JsonObject[];
    const callsTools = blocks.some((b) => b.type === 'tool_use');
    if (callsTools && !THINKING_TYPES.has(String(blocks[0]?.type))) out.thinking = { type: 'disabled' };
  }
  const final = messages.at(-1);
  const nowOn = isObject(out.thinking) && out.thinking.type !== 'disabled';
  if (!nowOn && final?.role === 'assistant' && Array.isArray(final.content)) {
    const kept = (final.content as JsonObject[]).filter((b) => !THINKING_TYPES.has(String(b.type)));
    if (kept.length > 0) final.content = kept;
    else messages.pop(); // A prefill of nothing but thinking says nothing once thinking is off.
  }
}
