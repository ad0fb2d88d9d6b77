// Owns the Chat-side convention for Anthropic thinking: `reasoning_content` text plus `thinking_blocks` that keep signatures.
//
// Convention (the one LiteLLM and other OpenAI-compatible gateways use): an assistant message carries
//   reasoning_content: "<all thinking text, concatenated>"
//   thinking_blocks: [{ type: "thinking", thinking, signature } | { type: "redacted_thinking", data }]
// In streams, `delta.reasoning_content` carries thinking text as it arrives and each
// `delta.thinking_blocks` entry is one *complete* block, sent once when the block ends; accumulating
// clients append the entries, so the stream and the non-stream message hold the same blocks.
import { isGeminiBundle } from '../gemini/signatures';
import type { JsonObject } from '../types';
import { isObject, str } from './json';

/** Anthropic `thinking` / `redacted_thinking` content block → one `thinking_blocks` entry. */
export function toChatThinkingBlock(block: JsonObject): JsonObject | undefined {
  if (block.type === 'thinking') {
    return { type: 'thinking', thinking: str(block.thinking) ?? '', signature: str(block.signature) ?? '' };
  }
  if (block.type === 'redacted_thinking') return { type: 'redacted_thinking', data: str(block.data) ?? '' };
  return undefined;
}

/**
 * One `thinking_blocks` entry → an Anthropic content block. With `requireSignature` (requests),
 * unsigned thinking is dropped: Anthropic rejects a thinking block it cannot verify.
 */
export function toAnthropicThinkingBlock(entry: unknown, requireSignature: boolean): JsonObject | undefined {
  if (!isObject(entry)) return undefined;
  if (entry.type === 'redacted_thinking') {
    const data = str(entry.data);
    return data ? { type: 'redacted_thinking', data } : undefined;
  }
  if (entry.type !== 'thinking') return undefined;
  const signature = str(entry.signature) ?? '';
  // Unsigned thinking cannot be replayed, and Gemini's signatures (riding in Chat) mean nothing to Anthropic.
  if (requireSignature && (signature === '' || isGeminiBundle(signature))) return undefined;
  return { type: 'thinking', thinking: str(entry.thinking) ?? '', signature };
}

/** Reasoning text of a Chat message or delta: `reasoning_content`, or `reasoning` as vLLM/OpenRouter send it. */
export function chatReasoningText(message: JsonObject): string | undefined {
  return str(message.reasoning_content) ?? str(message.reasoning);
}
