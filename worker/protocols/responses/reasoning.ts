// Owns how reasoning travels between Responses `reasoning` items and Chat's `reasoning_content` + `thinking_blocks`.
//
// Chat carries replayable reasoning the way the Chat ⇄ Anthropic converters do (shared/thinking-blocks.ts):
// `thinking_blocks: [{type:"thinking", thinking, signature} | {type:"redacted_thinking", data}]`.
// A Responses reasoning item keeps the opaque part in `encrypted_content`: a thinking block's
// signature as is, a redacted block's data behind REDACTED_PREFIX so the way back knows which it was.
import { str } from '../shared/json';
import type { JsonObject } from '../types';
import { isObject, optArray } from './json-fields';

export const REDACTED_PREFIX = 'redacted_thinking:';

/**
 * Encrypted reasoning can be read only by the provider (link) that produced it, and a client that
 * keeps no server state sends it back on its own. The gateway marks what it hands out with the link
 * (`lgw:<link>:<opaque>`), so a later turn goes back to that link, and strips the mark on the way in.
 */
const ORIGIN = /^lgw:(\d+):/;

export function markEncrypted(encrypted: string | undefined, origin: number | undefined): string | undefined {
  return encrypted === undefined || origin === undefined ? encrypted : `lgw:${origin}:${encrypted}`;
}

/** The link an encrypted reasoning value came from, and the value as its provider wrote it. */
export function unmarkEncrypted(value: string): { origin?: number; encrypted: string } {
  const match = ORIGIN.exec(value);
  return match ? { origin: Number(match[1]), encrypted: value.slice(match[0].length) } : { encrypted: value };
}

/**
 * The reasoning text of a Responses reasoning item: its raw `reasoning_text` content when the
 * provider exposes it, else its summaries as paragraphs (OpenAI's own models only summarise).
 */
export function reasoningItemText(item: JsonObject): string {
  const pick = (parts: unknown[] | undefined, type: string): string[] =>
    (parts ?? [])
      .filter((p) => isObject(p) && p.type === type)
      .map((p) => String((p as JsonObject).text ?? ''));
  const content = pick(optArray(item.content, 'reasoning.content'), 'reasoning_text');
  if (content.length > 0) return content.join('');
  return pick(optArray(item.summary, 'reasoning.summary'), 'summary_text').join('\n\n');
}

/** A reasoning item → a `thinking_blocks` entry; only items with something to replay have one. */
export function reasoningItemToThinkingBlock(item: JsonObject): JsonObject | undefined {
  const marked = str(item.encrypted_content);
  if (!marked) return undefined;
  const { encrypted } = unmarkEncrypted(marked);
  if (encrypted.startsWith(REDACTED_PREFIX)) {
    return { type: 'redacted_thinking', data: encrypted.slice(REDACTED_PREFIX.length) };
  }
  return { type: 'thinking', thinking: reasoningItemText(item), signature: encrypted };
}

/** What a `thinking_blocks` entry becomes on a reasoning item. */
export interface ReasoningPiece {
  text: string;
  encrypted?: string;
}

export function thinkingBlockToReasoning(entry: unknown): ReasoningPiece | undefined {
  if (!isObject(entry)) return undefined;
  if (entry.type === 'redacted_thinking') {
    const data = str(entry.data);
    return data ? { text: '', encrypted: REDACTED_PREFIX + data } : undefined;
  }
  if (entry.type !== 'thinking') return undefined;
  const signature = str(entry.signature);
  return { text: str(entry.thinking) ?? '', encrypted: signature ? signature : undefined };
}

/** The `thinking_blocks` entries of a Chat message or delta, as reasoning pieces. */
export function chatThinkingPieces(message: JsonObject): ReasoningPiece[] {
  const blocks = optArray(message.thinking_blocks, 'thinking_blocks') ?? [];
  return blocks.map(thinkingBlockToReasoning).filter((p): p is ReasoningPiece => p !== undefined);
}

/** Whether a Responses request asked for reasoning summaries (`reasoning.summary`: auto, concise, detailed). */
export function wantsReasoningSummary(request: JsonObject | undefined): boolean {
  const reasoning = request?.reasoning;
  if (!isObject(reasoning)) return false;
  const summary = reasoning.summary ?? reasoning.generate_summary;
  return typeof summary === 'string' && summary !== 'none';
}

/** The link the latest marked encrypted reasoning of a Responses input came from, if any. */
export function encryptedOriginOf(input: unknown): number | undefined {
  if (!Array.isArray(input)) return undefined;
  let origin: number | undefined;
  for (const item of input) {
    if (isObject(item) && item.type === 'reasoning' && typeof item.encrypted_content === 'string')
      origin = unmarkEncrypted(item.encrypted_content).origin ?? origin;
  }
  return origin;
}
