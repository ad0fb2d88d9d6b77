// Owns OpenAI Chat chunk SSE → Gemini streamGenerateContent SSE, for Gemini clients.
import { isObject, num, optionalArray, parseJsonObject, requireObject, str } from '../shared/json';
import { chatReasoningText } from '../shared/thinking-blocks';
import type { JsonObject, SseEvent, StreamConverter } from '../types';
import { thoughtParts } from './chat-thoughts';
import { functionCallParts } from './chat-to-gemini-response';
import { geminiFinishFromChat } from './finish-reasons';
import { errorToGemini } from './upstream-to-gemini-error';
import { chatUsageToGemini } from './usage';

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Chat chunks → Gemini chunks. Text and thoughts stream as they arrive; function calls are sent whole
 * (Gemini never streams a call in pieces), together with `finishReason` and `usageMetadata` in the
 * last chunk, once the upstream ended, so the trailing usage chunk is included.
 */
export function createChatToGeminiStream(): StreamConverter {
  return new ChatToGeminiStream();
}

class ChatToGeminiStream implements StreamConverter {
  private id = '';
  private model = '';
  private usage: unknown;
  private finishReason: unknown;
  private readonly calls = new Map<number, PendingCall>();
  private done = false;

  push(event: SseEvent): SseEvent[] {
    if (this.done) return [];
    if (event.data.trim() === '[DONE]') return this.finish();
    const chunk = parseJsonObject(event.data, 'OpenAI stream chunk');
    if (isObject(chunk.error)) {
      this.done = true;
      return [{ data: JSON.stringify(errorToGemini(0, event.data)) }];
    }
    this.id ||= str(chunk.id) ?? '';
    this.model ||= str(chunk.model) ?? '';
    if (isObject(chunk.usage)) this.usage = chunk.usage;
    const choice = optionalArray(chunk.choices, 'choices').find(
      (c) => isObject(c) && (num(c.index) ?? 0) === 0,
    );
    if (!isObject(choice)) return [];
    if (typeof choice.finish_reason === 'string') this.finishReason = choice.finish_reason;
    if (!isObject(choice.delta)) return [];
    const delta = requireObject(choice.delta, 'choices[0].delta');
    this.collectCalls(delta.tool_calls);
    // Reasoning text streams once as thought parts; a later thinking_blocks entry adds only its signature.
    const parts = chatReasoningText(delta)
      ? thoughtParts({ reasoning_content: chatReasoningText(delta) })
      : [];
    if (Array.isArray(delta.thinking_blocks))
      parts.push(...thoughtParts({ thinking_blocks: delta.thinking_blocks }, false));
    const text = (str(delta.content) ?? '') + (str(delta.refusal) ?? '');
    if (text !== '') parts.push({ text });
    return parts.length > 0 ? [this.chunk(parts)] : [];
  }

  end(): SseEvent[] {
    return this.done ? [] : this.finish();
  }

  fail(message: string): SseEvent[] {
    this.done = true;
    return [{ data: JSON.stringify(errorToGemini(500, JSON.stringify({ error: { message } }))) }];
  }

  private collectCalls(raw: unknown): void {
    if (!Array.isArray(raw)) return;
    raw.forEach((call, position) => {
      if (!isObject(call)) return;
      const index = num(call.index) ?? position;
      const fn = isObject(call.function) ? call.function : {};
      const pending = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
      pending.id ||= str(call.id) ?? '';
      pending.name ||= str(fn.name) ?? '';
      pending.arguments += str(fn.arguments) ?? '';
      this.calls.set(index, pending);
    });
  }

  private finish(): SseEvent[] {
    this.done = true;
    const calls = [...this.calls.values()].map((c) => ({
      id: c.id,
      function: { name: c.name, arguments: c.arguments },
    }));
    const parts = functionCallParts(calls);
    const last = this.chunk(parts.length > 0 ? parts : [{ text: '' }]);
    const payload = JSON.parse(last.data) as JsonObject;
    const candidate = (payload.candidates as JsonObject[])[0] as JsonObject;
    candidate.finishReason = geminiFinishFromChat(this.finishReason);
    payload.usageMetadata = chatUsageToGemini(this.usage);
    return [{ data: JSON.stringify(payload) }];
  }

  private chunk(parts: JsonObject[]): SseEvent {
    const payload = {
      candidates: [{ content: { role: 'model', parts }, index: 0 }],
      modelVersion: this.model,
      responseId: this.id,
    };
    return { data: JSON.stringify(payload) };
  }
}
