// Owns Gemini streamGenerateContent SSE → OpenAI Chat chunk SSE, chunk by chunk.
import { isObject, nowSeconds, parseJsonObject, str } from '../shared/json';
import { errorToChat } from '../shared/upstream-to-chat-error';
import type { JsonObject, SseEvent, StreamConverter } from '../types';
import { chatFinishFromGemini } from './finish-reasons';
import { type GeminiCall, readParts } from './gemini-parts';
import { bundleSignatures } from './signatures';
import { geminiUsageToChat } from './usage';

/**
 * Gemini chunks → Chat chunks. Each Gemini chunk carries whole parts: thought text streams as
 * `reasoning_content`, text as `content`, and each function call is announced once (id, name,
 * `arguments: ""`) followed by its arguments in one fragment. The signatures of a turn's calls are
 * sent once, as a `thinking_blocks` entry just before the first call that carries one. The finish
 * chunk says `tool_calls` when the answer called a function, whatever Gemini's `finishReason`.
 * Gemini sends no terminator: the stream's end emits the usage chunk (when asked) and `[DONE]`.
 */
export function createGeminiToChatStream(opts: { includeUsage: boolean }): StreamConverter {
  return new GeminiToChatStream(opts.includeUsage);
}

class GeminiToChatStream implements StreamConverter {
  private id = '';
  private model = '';
  private readonly created = nowSeconds();
  private usage: unknown;
  private started = false;
  private toolCount = 0;
  private finishReason: unknown;
  private done = false;

  constructor(private readonly includeUsage: boolean) {}

  push(event: SseEvent): SseEvent[] {
    if (this.done || event.data.trim() === '') return [];
    const chunk = parseJsonObject(event.data, 'Gemini stream chunk');
    if (isObject(chunk.error)) {
      this.done = true;
      const code = typeof chunk.error.code === 'number' ? chunk.error.code : 0;
      return [{ data: JSON.stringify(errorToChat(code, event.data)) }];
    }
    this.id ||= `chatcmpl-${str(chunk.responseId) ?? crypto.randomUUID()}`;
    this.model ||= str(chunk.modelVersion) ?? '';
    if (isObject(chunk.usageMetadata)) this.usage = chunk.usageMetadata;
    const candidate =
      Array.isArray(chunk.candidates) && isObject(chunk.candidates[0]) ? chunk.candidates[0] : undefined;
    const { text, thought, calls } = readParts(
      candidate,
      'candidates[0]',
      str(chunk.responseId),
      this.toolCount,
    );
    const out: SseEvent[] = [];
    if (thought) out.push(...this.emit({ reasoning_content: thought }));
    if (text) out.push(...this.emit({ content: text }));
    if (calls.length > 0) out.push(...this.calls(calls));
    if (candidate?.finishReason !== undefined) this.finishReason = candidate.finishReason;
    return out;
  }

  end(): SseEvent[] {
    if (this.done) return [];
    this.done = true;
    const delta = this.started ? {} : { content: '' };
    const out = this.emit(delta, chatFinishFromGemini(this.finishReason, this.toolCount > 0));
    if (this.includeUsage) {
      out.push({
        data: JSON.stringify({ ...this.envelope(), choices: [], usage: geminiUsageToChat(this.usage) }),
      });
    }
    out.push({ data: '[DONE]' });
    return out;
  }

  private calls(calls: GeminiCall[]): SseEvent[] {
    const out: SseEvent[] = [];
    const signed = new Map(calls.filter((c) => c.signature).map((c) => [c.id, c.signature as string]));
    if (signed.size > 0) {
      // Thought text already streamed as reasoning_content: the entry carries only the signatures.
      const block = { type: 'thinking', thinking: '', signature: bundleSignatures(signed) };
      out.push(...this.emit({ thinking_blocks: [block] }));
    }
    for (const call of calls) {
      const index = this.toolCount++;
      const head = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
      out.push(...this.emit({ tool_calls: [head] }));
      out.push(...this.emit({ tool_calls: [{ index, function: { arguments: call.arguments } }] }));
    }
    return out;
  }

  /** One chunk for choice 0, preceded by the role chunk the first time anything is sent. */
  private emit(delta: JsonObject, finishReason: string | null = null): SseEvent[] {
    const out: SseEvent[] = [];
    if (!this.started) {
      const role = {
        role: 'assistant',
        content: typeof delta.content === 'string' ? '' : null,
        refusal: null,
      };
      out.push(this.chunk(role, null));
      this.started = true;
    }
    out.push(this.chunk(delta, finishReason));
    return out;
  }

  private chunk(delta: JsonObject, finishReason: string | null): SseEvent {
    const choice = { index: 0, delta, logprobs: null, finish_reason: finishReason };
    return { data: JSON.stringify({ ...this.envelope(), choices: [choice] }) };
  }

  private envelope(): JsonObject {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }
}
