// OpenAI prompt caching for the Chat and Responses routes: explicit breakpoints, `prompt_cache_key`, automatic prefixes.
import { tokens } from './content.ts';
import { asObject, asString } from './values.ts';

/** Cache tokens one reply reports: `cached_tokens` read and `cache_write_tokens` written. */
export interface OpenAiCache {
  read: number;
  write: number;
}

/** A prompt as the cache sees it: ordered blocks, where the last message starts, the last marked block. */
export interface PromptBlocks {
  blocks: string[];
  lastMessageAt: number;
  /** Index of the last block carrying `prompt_cache_breakpoint`, or -1. */
  breakpoint: number;
}

// The real API caches prompts of 1024 tokens or more on its own, and reports hits in 128-token steps.
const AUTO_MIN_TOKENS = 1024;
const AUTO_STEP = 128;

/**
 * Flattens a prompt into blocks in cache order: `head` (tools, instructions), then every message's
 * content parts. A message without text content (tool calls, tool outputs) is one block of JSON.
 */
export function promptBlocks(head: unknown[], messages: unknown[]): PromptBlocks {
  const out: PromptBlocks = { blocks: [], lastMessageAt: 0, breakpoint: -1 };
  const visit = (value: unknown) => {
    const part = asObject(value);
    out.blocks.push(typeof value === 'string' ? value : (asString(part?.text) ?? JSON.stringify(value)));
    if (asObject(part?.prompt_cache_breakpoint) !== undefined) out.breakpoint = out.blocks.length - 1;
  };
  head.forEach(visit);
  for (const message of messages) {
    out.lastMessageAt = out.blocks.length;
    const content = asObject(message)?.content;
    if (Array.isArray(content)) content.forEach(visit);
    else visit(typeof content === 'string' ? content : message);
  }
  return out;
}

/**
 * Cache usage for one request, as the real API reports it: an explicit breakpoint writes its prefix
 * the first time and reads it afterwards; a `prompt_cache_key` seen before reads half the input;
 * otherwise a repeated prefix (everything before the last message) of 1024+ tokens is read.
 */
export function openaiCache(
  model: string,
  prompt: PromptBlocks,
  cacheKey: string | undefined,
  inputTokens: number,
  hit: (key: string) => boolean,
): OpenAiCache {
  const prefix = (end: number) => prompt.blocks.slice(0, end).join('\n');
  const prefixTokens = (end: number) => Math.min(inputTokens, tokens(prefix(end).length));
  if (prompt.breakpoint >= 0) {
    const end = prompt.breakpoint + 1;
    const n = prefixTokens(end);
    return hit(`openai:breakpoint:${model}\n${prefix(end)}`) ? { read: n, write: 0 } : { read: 0, write: n };
  }
  if (cacheKey !== undefined) {
    return { read: hit(`openai:${cacheKey}`) ? Math.floor(inputTokens / 2) : 0, write: 0 };
  }
  const auto = prefixTokens(prompt.lastMessageAt);
  if (auto < AUTO_MIN_TOKENS) return { read: 0, write: 0 };
  const read = hit(`openai:auto:${model}\n${prefix(prompt.lastMessageAt)}`) ? auto - (auto % AUTO_STEP) : 0;
  return { read, write: 0 };
}
