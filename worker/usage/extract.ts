// Owns reading token usage out of a response body (or one usage object) of each wire protocol.
import type { WireProtocol } from '../protocols/catalogue';
import { asRecord, firstCount, type JsonRecord } from './json';
import type { Usage, UsageDetails } from './types';

/**
 * Usage from a non-stream response body: `usage` at the top level, or nested under `response`
 * (Responses events) or `message` (Anthropic `message_start`). Null when absent or unrecognized.
 */
export function extractUsage(protocol: WireProtocol, body: unknown): Usage | null {
  const obj = asRecord(body);
  if (!obj) return null;
  const usage =
    obj.usage ?? obj.usageMetadata ?? asRecord(obj.response)?.usage ?? asRecord(obj.message)?.usage;
  return normalizeUsage(protocol, usage);
}

/**
 * Maps one upstream usage object to `Usage`. The shape is detected from its fields, so an OpenAI
 * images body (`input_tokens`) or an Anthropic-style object behind an OpenAI vendor still reads right;
 * `protocol` only decides the ambiguous bare `input_tokens`/`output_tokens` case.
 */
export function normalizeUsage(protocol: WireProtocol, usage: unknown): Usage | null {
  const u = asRecord(usage);
  if (!u) return null;
  if ('prompt_tokens' in u || 'completion_tokens' in u) return fromChat(u);
  if ('promptTokenCount' in u || 'candidatesTokenCount' in u || 'totalTokenCount' in u) return fromGemini(u);
  if (protocol === 'anthropic' || 'cache_read_input_tokens' in u || 'cache_creation_input_tokens' in u) {
    return fromAnthropic(u);
  }
  return fromResponses(u);
}

const CACHE_WRITE_KEYS = ['cache_write_tokens', 'cache_creation_tokens', 'cache_creation_input_tokens'];

function fromChat(u: JsonRecord): Usage | null {
  const prompt = firstCount(u, 'prompt_tokens');
  const completion = firstCount(u, 'completion_tokens');
  const total = firstCount(u, 'total_tokens');
  if (prompt === null && completion === null && total === null) return null;
  const pd = asRecord(u.prompt_tokens_details);
  const cd = asRecord(u.completion_tokens_details);
  // DeepSeek reports `prompt_cache_hit_tokens`, Moonshot a top-level `cached_tokens`, Claude-backed
  // OpenAI-compatible proxies Anthropic's `cache_read_input_tokens`.
  const cacheRead =
    firstCount(pd, 'cached_tokens') ??
    firstCount(u, 'prompt_cache_hit_tokens', 'cached_tokens', 'cache_read_input_tokens') ??
    0;
  const cacheWrite = firstCount(pd, ...CACHE_WRITE_KEYS) ?? firstCount(u, ...CACHE_WRITE_KEYS) ?? 0;
  const output = completion ?? (total !== null && prompt !== null ? Math.max(total - prompt, 0) : 0);
  return build(u, {
    // A vendor that reports cache counts outside `prompt_tokens` must not yield a negative regular part.
    input: Math.max(prompt ?? 0, cacheRead + cacheWrite),
    output,
    cacheRead,
    cacheWrite,
    reasoning: firstCount(cd, 'reasoning_tokens') ?? 0,
    details: {
      inputTextTokens: firstCount(pd, 'text_tokens'),
      inputAudioTokens: firstCount(pd, 'audio_tokens'),
      inputImageTokens: firstCount(pd, 'image_tokens'),
      outputTextTokens: firstCount(cd, 'text_tokens'),
      outputAudioTokens: firstCount(cd, 'audio_tokens'),
      outputImageTokens: firstCount(cd, 'image_tokens'),
      acceptedPredictionTokens: firstCount(cd, 'accepted_prediction_tokens'),
      rejectedPredictionTokens: firstCount(cd, 'rejected_prediction_tokens'),
    },
  });
}

function fromAnthropic(u: JsonRecord): Usage | null {
  const base = firstCount(u, 'input_tokens');
  const cacheRead = firstCount(u, 'cache_read_input_tokens');
  const cacheWrite = firstCount(u, 'cache_creation_input_tokens');
  const output = firstCount(u, 'output_tokens');
  if (base === null && cacheRead === null && cacheWrite === null && output === null) return null;
  const creation = asRecord(u.cache_creation);
  return build(u, {
    // Anthropic's `input_tokens` excludes cache traffic; ours is the whole prompt.
    input: (base ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
    output: output ?? 0,
    cacheRead: cacheRead ?? 0,
    cacheWrite: cacheWrite ?? 0,
    reasoning: firstCount(asRecord(u.output_tokens_details), 'thinking_tokens', 'reasoning_tokens') ?? 0,
    details: {
      cacheWrite5mTokens: firstCount(creation, 'ephemeral_5m_input_tokens'),
      cacheWrite1hTokens: firstCount(creation, 'ephemeral_1h_input_tokens'),
    },
  });
}

function fromGemini(u: JsonRecord): Usage {
  // `candidatesTokenCount` leaves out thought tokens, which are billed as output all the same.
  const thoughts = firstCount(u, 'thoughtsTokenCount') ?? 0;
  const prompt = (firstCount(u, 'promptTokenCount') ?? 0) + (firstCount(u, 'toolUsePromptTokenCount') ?? 0);
  const candidates = firstCount(u, 'candidatesTokenCount');
  const total = firstCount(u, 'totalTokenCount');
  const output =
    candidates !== null ? candidates + thoughts : total !== null ? Math.max(total - prompt, 0) : 0;
  const cacheRead = firstCount(u, 'cachedContentTokenCount') ?? 0;
  return build(u, {
    input: Math.max(prompt, cacheRead),
    output,
    cacheRead,
    cacheWrite: 0,
    reasoning: thoughts,
    details: {},
  });
}

function fromResponses(u: JsonRecord): Usage | null {
  const input = firstCount(u, 'input_tokens');
  const output = firstCount(u, 'output_tokens');
  if (input === null && output === null) return null;
  const idt = asRecord(u.input_tokens_details);
  const odt = asRecord(u.output_tokens_details);
  const cacheRead = firstCount(idt, 'cached_tokens') ?? 0;
  const cacheWrite = firstCount(idt, ...CACHE_WRITE_KEYS) ?? 0;
  return build(u, {
    input: Math.max(input ?? 0, cacheRead + cacheWrite),
    output: output ?? 0,
    cacheRead,
    cacheWrite,
    reasoning: firstCount(odt, 'reasoning_tokens') ?? 0,
    details: {
      inputTextTokens: firstCount(idt, 'text_tokens'),
      inputImageTokens: firstCount(idt, 'image_tokens'),
      outputTextTokens: firstCount(odt, 'text_tokens'),
      outputImageTokens: firstCount(odt, 'image_tokens'),
    },
  });
}

interface Counts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  details: Partial<Record<keyof UsageDetails, number | null>>;
}

function build(raw: JsonRecord, c: Counts): Usage {
  const usage: Usage = {
    inputTokens: c.input,
    outputTokens: c.output,
    cacheReadTokens: c.cacheRead,
    cacheWriteTokens: c.cacheWrite,
    reasoningTokens: c.reasoning,
    totalTokens: c.input + c.output,
    raw,
  };
  const details: UsageDetails = {};
  let any = false;
  for (const [key, value] of Object.entries(c.details) as [keyof UsageDetails, number | null][]) {
    if (value === null) continue;
    details[key] = value;
    any = true;
  }
  if (any) usage.details = details;
  return usage;
}
