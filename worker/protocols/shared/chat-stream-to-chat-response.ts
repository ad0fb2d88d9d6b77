// Owns Chat chunk SSE → one Chat completion: what a streamed answer is when a client asks for it whole.
import { ConversionError, type JsonObject, type SseEvent } from '../types';
import { isObject, num, str } from './json';

interface ChoiceState {
  index: number;
  content: string | null;
  refusal: string | null;
  reasoning: string | null;
  /** vLLM/OpenRouter spell reasoning `reasoning`; kept under the name it arrived with. */
  reasoningAlt: string | null;
  thinkingBlocks: unknown[];
  /** Null until a delta carried `annotations` (OpenAI sends `[]` when there are none). */
  annotations: unknown[] | null;
  calls: Map<number, { id: string; type: string; name: string; arguments: string }>;
  logprobs: unknown[];
  finishReason: unknown;
}

function newChoice(index: number): ChoiceState {
  return {
    index,
    content: null,
    refusal: null,
    reasoning: null,
    reasoningAlt: null,
    thinkingBlocks: [],
    annotations: null,
    calls: new Map(),
    logprobs: [],
    finishReason: null,
  };
}

const append = (acc: string | null, part: unknown) => (typeof part === 'string' ? (acc ?? '') + part : acc);

function applyDelta(state: ChoiceState, delta: JsonObject): void {
  state.content = append(state.content, delta.content);
  state.refusal = append(state.refusal, delta.refusal);
  state.reasoning = append(state.reasoning, delta.reasoning_content);
  state.reasoningAlt = append(state.reasoningAlt, delta.reasoning);
  if (Array.isArray(delta.thinking_blocks)) state.thinkingBlocks.push(...delta.thinking_blocks);
  if (Array.isArray(delta.annotations))
    state.annotations = [...(state.annotations ?? []), ...delta.annotations];
  const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
  calls.forEach((raw, position) => {
    if (!isObject(raw)) return;
    const index = num(raw.index) ?? position;
    const fn = isObject(raw.function) ? raw.function : {};
    const call = state.calls.get(index) ?? { id: '', type: 'function', name: '', arguments: '' };
    state.calls.set(index, call);
    if (str(raw.id)) call.id = raw.id as string;
    if (str(raw.type)) call.type = raw.type as string;
    if (str(fn.name)) call.name = fn.name as string;
    call.arguments += str(fn.arguments) ?? '';
  });
}

function messageOf(state: ChoiceState): JsonObject {
  const message: JsonObject = { role: 'assistant', content: state.content, refusal: state.refusal };
  if (state.reasoning !== null) message.reasoning_content = state.reasoning;
  if (state.reasoningAlt !== null) message.reasoning = state.reasoningAlt;
  if (state.thinkingBlocks.length > 0) message.thinking_blocks = state.thinkingBlocks;
  if (state.annotations !== null) message.annotations = state.annotations;
  if (state.calls.size > 0) {
    message.tool_calls = [...state.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, c]) => ({ id: c.id, type: c.type, function: { name: c.name, arguments: c.arguments } }));
  }
  return message;
}

/**
 * The completion a stream of Chat chunks adds up to, as the non-stream API would have answered: every
 * choice's text, reasoning, thinking blocks and tool calls joined, the last usage chunk's usage.
 * An in-stream error is a ConversionError: it is no answer.
 */
export function chatStreamToChatResponse(events: SseEvent[]): JsonObject {
  const top: JsonObject = {};
  const choices = new Map<number, ChoiceState>();
  let usage: unknown = null;
  for (const event of events) {
    if (event.data.trim() === '[DONE]') continue;
    let chunk: unknown;
    try {
      chunk = JSON.parse(event.data);
    } catch (cause) {
      throw new ConversionError('a stream chunk is not valid JSON', { cause });
    }
    if (!isObject(chunk)) continue;
    if (chunk.error !== undefined && chunk.error !== null)
      throw new ConversionError('the stream holds an error');
    for (const k of ['id', 'created', 'model', 'system_fingerprint', 'service_tier'] as const) {
      if (top[k] === undefined && chunk[k] !== undefined && chunk[k] !== null) top[k] = chunk[k];
    }
    if (isObject(chunk.usage)) usage = chunk.usage;
    for (const raw of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!isObject(raw)) continue;
      const index = num(raw.index) ?? 0;
      const state = choices.get(index) ?? newChoice(index);
      choices.set(index, state);
      if (isObject(raw.delta)) applyDelta(state, raw.delta);
      if (isObject(raw.logprobs) && Array.isArray(raw.logprobs.content))
        state.logprobs.push(...raw.logprobs.content);
      if (raw.finish_reason !== null && raw.finish_reason !== undefined)
        state.finishReason = raw.finish_reason;
    }
  }
  const out: JsonObject = { id: top.id ?? '', object: 'chat.completion', created: top.created ?? 0 };
  out.model = top.model ?? '';
  if (top.system_fingerprint !== undefined) out.system_fingerprint = top.system_fingerprint;
  if (top.service_tier !== undefined) out.service_tier = top.service_tier;
  out.choices = [...choices.values()]
    .sort((a, b) => a.index - b.index)
    .map((c) => ({
      index: c.index,
      message: messageOf(c),
      logprobs: c.logprobs.length > 0 ? { content: c.logprobs } : null,
      finish_reason: c.finishReason,
    }));
  if (usage !== null) out.usage = usage;
  return out;
}
