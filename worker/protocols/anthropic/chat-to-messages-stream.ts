// Owns OpenAI Chat chunk SSE → Anthropic Messages SSE, event by event.
import { isObject, num, optionalArray, parseJsonObject, requireObject, str } from '../shared/json';
import { chatReasoningText } from '../shared/thinking-blocks';
import { chatUsageToAnthropic } from '../shared/usage';
import type { JsonObject, SseEvent, StreamConverter } from '../types';
import { stopReason } from './chat-to-messages-response';
import { errorToMessages } from './upstream-to-messages-error';

interface OpenBlock {
  index: number;
  kind: 'text' | 'thinking' | 'tool';
  /** Thinking text streamed into this block, to recognise a repeated `thinking_blocks` entry. */
  thinking: string;
}

/**
 * Chat chunks → Anthropic events: `message_start` before the first payload, one content block per
 * text run, thinking run and tool call (a new tool index, or a new id at a reused index, opens a
 * new block), and `message_delta` + `message_stop` only when the upstream ends (`[DONE]` or end
 * of stream), so the trailing usage chunk (`choices: []`) is included.
 * Argument fragments for a tool call whose block was already closed (vendors that interleave
 * parallel calls) are still sent to that block's index, which the Anthropic SDKs accumulate.
 * A Chat upstream reports usage only at the end, while Anthropic clients read `input_tokens` from
 * `message_start`: the caller's pre-flight estimate goes there, and `message_delta` carries the real count.
 */
export function createChatToMessagesStream(opts: { inputTokensEstimate?: number } = {}): StreamConverter {
  return new ChatToMessagesStream(opts.inputTokensEstimate ?? 0);
}

class ChatToMessagesStream implements StreamConverter {
  private started = false;
  private done = false;
  private nextIndex = 0;
  private open: OpenBlock | undefined;
  private readonly tools = new Map<number, { index: number; id: string }>();
  private finishReason: unknown;
  private refused = false;
  private usage: unknown;

  constructor(private readonly inputTokensEstimate: number) {}

  push(event: SseEvent): SseEvent[] {
    if (this.done) return [];
    if (event.data.trim() === '[DONE]') return this.finish();
    const chunk = parseJsonObject(event.data, 'OpenAI stream chunk');
    if (isObject(chunk.error)) {
      this.done = true;
      return [sse('error', errorToMessages(0, event.data))];
    }
    const out: SseEvent[] = [];
    if (!this.started) this.start(chunk, out);
    if (isObject(chunk.usage)) this.usage = chunk.usage;
    const choice = optionalArray(chunk.choices, 'choices').find(
      (c) => isObject(c) && (num(c.index) ?? 0) === 0,
    );
    if (!isObject(choice)) return out;
    if (choice.delta !== undefined && choice.delta !== null) {
      this.delta(requireObject(choice.delta, 'choices[0].delta'), out);
    }
    if (typeof choice.finish_reason === 'string') {
      this.close(out);
      this.finishReason = choice.finish_reason;
    }
    return out;
  }

  end(): SseEvent[] {
    return this.done ? [] : this.finish();
  }

  private start(chunk: JsonObject, out: SseEvent[]): void {
    this.started = true;
    const message = {
      id: str(chunk.id) ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`,
      type: 'message',
      role: 'assistant',
      model: str(chunk.model) ?? '',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: chatUsageToAnthropic(chunk.usage),
    };
    if (message.usage.input_tokens === 0 && !isObject(chunk.usage))
      message.usage.input_tokens = this.inputTokensEstimate;
    out.push(sse('message_start', { type: 'message_start', message }));
  }

  private delta(delta: JsonObject, out: SseEvent[]): void {
    const reasoning = chatReasoningText(delta);
    if (reasoning) this.thinkingText(reasoning, out);
    if (Array.isArray(delta.thinking_blocks)) {
      for (const entry of delta.thinking_blocks) this.thinkingEntry(entry, reasoning !== undefined, out);
    }
    const text = str(delta.content);
    if (text) this.text(text, out);
    const refusal = str(delta.refusal);
    if (refusal) {
      this.refused = true;
      this.text(refusal, out);
    }
    if (Array.isArray(delta.tool_calls)) {
      delta.tool_calls.forEach((call, i) => {
        this.toolCall(call, i, out);
      });
    }
  }

  private thinkingText(text: string, out: SseEvent[]): void {
    const block = this.ensure('thinking', { type: 'thinking', thinking: '', signature: '' }, out);
    block.thinking += text;
    out.push(blockDelta(block.index, { type: 'thinking_delta', thinking: text }));
  }

  /**
   * A `thinking_blocks` entry, in either convention: ours (the whole block once, after its
   * `reasoning_content` streamed) or fragment style (text repeated beside `reasoning_content`,
   * signature alone at the end). Text already streamed is not sent twice.
   */
  private thinkingEntry(entry: unknown, hadReasoning: boolean, out: SseEvent[]): void {
    if (!isObject(entry)) return;
    if (entry.type === 'redacted_thinking') {
      this.close(out);
      const index = this.nextIndex++;
      out.push(
        blockStart(index, { type: 'redacted_thinking', data: str(entry.data) ?? '' }),
        blockStop(index),
      );
      return;
    }
    if (entry.type !== 'thinking') return;
    const text = str(entry.thinking) ?? '';
    const open = this.open?.kind === 'thinking' ? this.open : undefined;
    const repeated = open !== undefined && (hadReasoning || text === '' || text === open.thinking);
    if (!repeated && text !== '') this.thinkingText(text, out);
    const signature = str(entry.signature);
    if (!signature) return;
    const block = this.ensure('thinking', { type: 'thinking', thinking: '', signature: '' }, out);
    out.push(blockDelta(block.index, { type: 'signature_delta', signature }));
    this.close(out);
  }

  private text(text: string, out: SseEvent[]): void {
    const block = this.ensure('text', { type: 'text', text: '' }, out);
    out.push(blockDelta(block.index, { type: 'text_delta', text }));
  }

  private toolCall(raw: unknown, position: number, out: SseEvent[]): void {
    if (!isObject(raw)) return;
    const key = num(raw.index) ?? position;
    const fn = isObject(raw.function) ? raw.function : {};
    const id = str(raw.id);
    let tool = this.tools.get(key);
    if (!tool || (id && id !== tool.id)) {
      this.close(out);
      tool = { index: this.nextIndex++, id: id || `toolu_${crypto.randomUUID().replaceAll('-', '')}` };
      this.tools.set(key, tool);
      this.open = { index: tool.index, kind: 'tool', thinking: '' };
      out.push(
        blockStart(tool.index, { type: 'tool_use', id: tool.id, name: str(fn.name) ?? '', input: {} }),
      );
    }
    const args = str(fn.arguments);
    if (args) out.push(blockDelta(tool.index, { type: 'input_json_delta', partial_json: args }));
  }

  /** The open block of `kind`, opening a new one (and closing the current) when needed. */
  private ensure(kind: 'text' | 'thinking', contentBlock: JsonObject, out: SseEvent[]): OpenBlock {
    if (this.open?.kind === kind) return this.open;
    this.close(out);
    this.open = { index: this.nextIndex++, kind, thinking: '' };
    out.push(blockStart(this.open.index, contentBlock));
    return this.open;
  }

  private close(out: SseEvent[]): void {
    if (!this.open) return;
    out.push(blockStop(this.open.index));
    this.open = undefined;
  }

  private finish(): SseEvent[] {
    const out: SseEvent[] = [];
    if (!this.started) this.start({}, out);
    this.close(out);
    const stop = stopReason(this.finishReason, this.tools.size > 0, this.refused);
    const delta = { stop_reason: stop, stop_sequence: null };
    out.push(sse('message_delta', { type: 'message_delta', delta, usage: chatUsageToAnthropic(this.usage) }));
    out.push(sse('message_stop', { type: 'message_stop' }));
    this.done = true;
    return out;
  }
}

function sse(event: string, payload: JsonObject): SseEvent {
  return { event, data: JSON.stringify(payload) };
}

function blockStart(index: number, contentBlock: JsonObject): SseEvent {
  return sse('content_block_start', { type: 'content_block_start', index, content_block: contentBlock });
}

function blockDelta(index: number, delta: JsonObject): SseEvent {
  return sse('content_block_delta', { type: 'content_block_delta', index, delta });
}

function blockStop(index: number): SseEvent {
  return sse('content_block_stop', { type: 'content_block_stop', index });
}
