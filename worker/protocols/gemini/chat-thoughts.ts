// Owns Chat reasoning → Gemini thought parts: signed thinking from other providers rides in `thoughtSignature`.

import { REDACTED_PREFIX } from '../responses/reasoning';
import { isObject, str } from '../shared/json';
import { chatReasoningText } from '../shared/thinking-blocks';
import type { JsonObject } from '../types';
import { isGeminiBundle } from './signatures';

/**
 * The thought parts of a Chat message or delta: one per `thinking_blocks` entry (its signature as the
 * part's `thoughtSignature`, so a Gemini client that sends the turn back replays it), else one
 * unsigned part from `reasoning_content`. Gemini's own bundles never reach a Gemini client.
 */
export function thoughtParts(message: JsonObject, withText = true): JsonObject[] {
  const parts: JsonObject[] = [];
  if (Array.isArray(message.thinking_blocks)) {
    for (const entry of message.thinking_blocks) {
      if (!isObject(entry)) continue;
      if (entry.type === 'redacted_thinking' && str(entry.data)) {
        parts.push({ text: '', thought: true, thoughtSignature: REDACTED_PREFIX + str(entry.data) });
      } else if (entry.type === 'thinking' && !isGeminiBundle(entry.signature)) {
        const part: JsonObject = { text: withText ? (str(entry.thinking) ?? '') : '', thought: true };
        if (str(entry.signature)) part.thoughtSignature = entry.signature;
        parts.push(part);
      }
    }
  }
  if (parts.length > 0) return parts;
  const reasoning = chatReasoningText(message);
  return reasoning ? [{ text: reasoning, thought: true }] : [];
}
