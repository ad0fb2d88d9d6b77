// Owns exact token counting (gpt-tokenizer, o200k_base) for the log consumer, and finalizing usage.
import type { Usage, UsageSource } from './types';

type CountFn = (text: string, options: { disallowedSpecial: Set<string> }) => number;

/**
 * BPE merging is quadratic in the length of one pre-tokenized piece, and a run without whitespace
 * (base64, minified code, a CJK paragraph) is one piece: 16 K chars of it take ~100 ms. Cutting
 * every same-class run at 64 chars keeps each piece cheap and barely moves the count.
 */
const MAX_RUN = 64;
/** Text past this many chars is not tokenized: its count is extrapolated from the exact prefix. */
const MAX_EXACT_CHARS = 128 * 1024;
/** The library's default merge cache (100 K entries) could add tens of MB to a 128 MB isolate. */
const MERGE_CACHE_ENTRIES = 10_000;
/** An empty disallow-set makes `<|endoftext|>` and friends plain text instead of an exception. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

let encoder: Promise<CountFn> | undefined;

/**
 * The o200k encoder, loaded on first use: building its 200 K-entry rank map costs ~90 ms of CPU and
 * ~20 MB of heap, which must not land on every isolate's startup (the proxy shares the bundle).
 */
function loadEncoder(): Promise<CountFn> {
  encoder ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (m): CountFn => {
      m.setMergeCacheSize(MERGE_CACHE_ENTRIES);
      return m.countTokens;
    },
    (): CountFn => (text) => Math.ceil(text.length / 4),
  );
  return encoder;
}

/** Exact o200k token count of `text`, guarded against pathological input; never throws. */
export async function countTokens(text: string): Promise<number> {
  if (text.length === 0) return 0;
  return countWith(await loadEncoder(), text);
}

function countWith(count: CountFn, text: string): number {
  if (text.length <= MAX_EXACT_CHARS) return countBounded(count, text);
  let cut = MAX_EXACT_CHARS;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  const exact = countBounded(count, text.slice(0, cut));
  return exact + Math.ceil(((text.length - cut) * exact) / cut);
}

function countBounded(count: CountFn, text: string): number {
  let total = 0;
  let start = 0;
  let runStart = 0;
  let runSpace = isSpace(text.charCodeAt(0));
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (space !== runSpace) {
      runStart = i;
      runSpace = space;
    } else if (i - runStart >= MAX_RUN && !isLowSurrogate(c)) {
      total += safeCount(count, text.slice(start, i));
      start = i;
      runStart = i;
    }
  }
  return total + safeCount(count, text.slice(start));
}

function safeCount(count: CountFn, text: string): number {
  try {
    return count(text, PLAIN_TEXT);
  } catch {
    return Math.ceil(text.length / 4);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export interface FinalizeInput {
  /** Usage reported by the upstream (or converted from it); null when it reported none. */
  upstream: Usage | null;
  /** The prompt text of the request (see `collectInputText`). */
  preflightInputText: string;
  /** Prompt tokens that are not text: images, audio, message framing. */
  inputFixedTokens?: number;
  /** The generated text (content, tool arguments, reasoning). */
  outputText: string;
  /** Generated characters that were counted but not kept (see `StreamUsageAccumulator`). */
  outputDroppedChars?: number;
}

/**
 * Final usage of a request: upstream counts win; only what is missing is counted with the
 * tokenizer. A zero from the upstream counts as missing when there is text that contradicts it.
 * `source` is `upstream` (nothing estimated), `mixed` (some) or `estimated` (no upstream usage).
 */
export async function finalizeUsage(input: FinalizeInput): Promise<{ usage: Usage; source: UsageSource }> {
  const { upstream, preflightInputText, outputText } = input;
  const fixed = input.inputFixedTokens ?? 0;
  const dropped = input.outputDroppedChars ?? 0;
  const needInput = !upstream || (upstream.inputTokens === 0 && (preflightInputText.length > 0 || fixed > 0));
  const needOutput = !upstream || (upstream.outputTokens === 0 && (outputText.length > 0 || dropped > 0));
  if (upstream && !needInput && !needOutput) return { usage: upstream, source: 'upstream' };

  const cacheRead = upstream?.cacheReadTokens ?? 0;
  const cacheWrite = upstream?.cacheWriteTokens ?? 0;
  const inputTokens = needInput
    ? Math.max((await countTokens(preflightInputText)) + fixed, cacheRead + cacheWrite)
    : upstream!.inputTokens;
  const outputTokens = needOutput
    ? (await countTokens(outputText)) + Math.ceil(dropped / 4)
    : upstream!.outputTokens;
  const usage: Usage = {
    ...upstream,
    inputTokens,
    outputTokens,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: upstream?.reasoningTokens ?? 0,
    totalTokens: inputTokens + outputTokens,
  };
  return { usage, source: upstream ? 'mixed' : 'estimated' };
}
