// Owns Anthropic Messages SSE → OpenAI Chat chunk SSE, event by event.
import { chatFinishReason } from '../shared/finish-reasons';
import { isObject, nowSeconds, num, parseJsonObject, requireObject, str } from '../shared/json';
import { errorToChat } from '../shared/upstream-to-chat-error';
import { anthropicUsageToChat } from '../shared/usage';
import { ConversionError, type JsonObject, type SseEvent, type StreamConverter } from '../types';

interface BlockState {
  type: string;
  toolIndex: number;
  thinking: string;
  signature: string;
  /** A tool input sent whole in content_block_start (some Anthropic-compatible vendors do). */
  startInput?: string;
  sawArguments: boolean;
}

/**
 * Anthropic SSE → Chat chunks. Each tool call is announced once (id, type, name, `arguments: ""`)
 * and then only index + argument fragments follow; thinking streams as `reasoning_content` and
 * each finished thinking block is sent whole in `thinking_blocks` with its signature. The usage
 * chunk (`choices: []`) is sent only when the client asked for `stream_options.include_usage`.
 */
export function createMessagesToChatStream(opts: { includeUsage: boolean }): StreamConverter {
  return new MessagesToChatStream(opts.includeUsage);
}

class MessagesToChatStream implements StreamConverter {
  private id = '';
  private model = '';
  private readonly created = nowSeconds();
  private readonly usage: JsonObject = {};
  private readonly blocks = new Map<number, BlockState>();
  private toolCount = 0;
  private started = false;
  private finishSent = false;
  private sawText = false;
  private sawTools = false;
  private done = false;

  constructor(private readonly includeUsage: boolean) {}

  push(event: SseEvent): SseEvent[] {
    if (this.done) return [];
    const data = parseJsonObject(event.data, `Anthropic ${event.event ?? 'stream'} event`);
    switch (str(data.type) ?? event.event) {
      case 'message_start':
        return this.messageStart(data);
      case 'content_block_start':
        return this.blockStart(data);
      case 'content_block_delta':
        return this.blockDelta(data);
      case 'content_block_stop':
        return this.blockStop(data);
      case 'message_delta':
        return this.messageDelta(data);
      case 'message_stop':
        return this.finish();
      case 'error':
        this.done = true;
        return [{ data: JSON.stringify(errorToChat(0, event.data)) }];
      default:
        return []; // `ping` and event types added after this was written
    }
  }

  end(): SseEvent[] {
    return this.done ? [] : this.finish();
  }

  private messageStart(data: JsonObject): SseEvent[] {
    const message = requireObject(data.message, 'message_start.message');
    this.id = str(message.id) ?? this.id;
    this.model = str(message.model) ?? this.model;
    mergeUsage(this.usage, message.usage);
    return [];
  }

  private blockStart(data: JsonObject): SseEvent[] {
    const index = blockIndex(data);
    const block = requireObject(data.content_block, 'content_block_start.content_block');
    const type = str(block.type) ?? '';
    const state: BlockState = { type, toolIndex: -1, thinking: '', signature: '', sawArguments: false };
    this.blocks.set(index, state);
    if (type === 'text') return str(block.text) ? this.emit({ content: block.text }) : [];
    if (type === 'thinking') {
      state.thinking = str(block.thinking) ?? '';
      state.signature = str(block.signature) ?? '';
      return state.thinking ? this.emit({ reasoning_content: state.thinking }) : [];
    }
    if (type === 'redacted_thinking') {
      return this.emit({ thinking_blocks: [{ type: 'redacted_thinking', data: str(block.data) ?? '' }] });
    }
    if (type !== 'tool_use') return []; // server-tool blocks have no Chat form
    state.toolIndex = this.toolCount++;
    if (isObject(block.input) && Object.keys(block.input).length > 0)
      state.startInput = JSON.stringify(block.input);
    const call = {
      index: state.toolIndex,
      id: str(block.id) ?? '',
      type: 'function',
      function: { name: str(block.name) ?? '', arguments: '' },
    };
    return this.emit({ tool_calls: [call] });
  }

  private blockDelta(data: JsonObject): SseEvent[] {
    const index = blockIndex(data);
    const state = this.blocks.get(index);
    if (!state) throw new ConversionError(`content_block_delta for unknown block ${index}`);
    const delta = requireObject(data.delta, 'content_block_delta.delta');
    switch (delta.type) {
      case 'text_delta':
        return str(delta.text) ? this.emit({ content: delta.text }) : [];
      case 'thinking_delta': {
        const text = str(delta.thinking) ?? '';
        state.thinking += text;
        return text ? this.emit({ reasoning_content: text }) : [];
      }
      case 'signature_delta':
        state.signature += str(delta.signature) ?? '';
        return [];
      case 'input_json_delta': {
        const fragment = str(delta.partial_json) ?? '';
        if (fragment === '' || state.toolIndex < 0) return [];
        state.sawArguments = true;
        return this.emit({ tool_calls: [{ index: state.toolIndex, function: { arguments: fragment } }] });
      }
      default:
        return []; // citations_delta and future delta types
    }
  }

  private blockStop(data: JsonObject): SseEvent[] {
    const index = blockIndex(data);
    const state = this.blocks.get(index);
    this.blocks.delete(index);
    if (state?.type === 'thinking') {
      const block = { type: 'thinking', thinking: state.thinking, signature: state.signature };
      return this.emit({ thinking_blocks: [block] });
    }
    if (state?.startInput !== undefined && !state.sawArguments) {
      return this.emit({
        tool_calls: [{ index: state.toolIndex, function: { arguments: state.startInput } }],
      });
    }
    return [];
  }

  private messageDelta(data: JsonObject): SseEvent[] {
    mergeUsage(this.usage, data.usage);
    const delta = isObject(data.delta) ? data.delta : {};
    if (this.finishSent) return [];
    this.finishSent = true;
    return this.emit(this.finishDelta(), chatFinishReason(delta.stop_reason));
  }

  /** An answer with neither text nor tool calls ends with `content: ""`, as its non-stream form has. */
  private finishDelta(): JsonObject {
    return this.sawText || this.sawTools ? {} : { content: '' };
  }

  private finish(): SseEvent[] {
    const out = this.finishSent ? [] : this.emit(this.finishDelta(), 'stop');
    this.finishSent = true;
    if (this.includeUsage) {
      const usage = anthropicUsageToChat(this.usage);
      out.push({ data: JSON.stringify({ ...this.envelope(), choices: [], usage }) });
    }
    out.push({ data: '[DONE]' });
    this.done = true;
    return out;
  }

  /** One chunk for choice 0, preceded by the role chunk the first time anything is sent. */
  private emit(delta: JsonObject, finishReason: string | null = null): SseEvent[] {
    const out = this.started ? [] : [this.chunk(roleDelta(delta), null)];
    this.started = true;
    if (typeof delta.content === 'string') this.sawText = true;
    if (Array.isArray(delta.tool_calls)) this.sawTools = true;
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

/**
 * The role chunk waits for the first content because its `content` is accumulated by the SDKs:
 * `""` before text, `null` before an answer that opens with reasoning or a tool call (as OpenAI streams
 * it), so a streamed answer ends with the same `content` as the non-stream conversion.
 */
function roleDelta(first: JsonObject): JsonObject {
  return { role: 'assistant', content: typeof first.content === 'string' ? '' : null, refusal: null };
}

function blockIndex(data: JsonObject): number {
  const index = num(data.index);
  if (index === undefined) throw new ConversionError(`${str(data.type) ?? 'event'} has no index`);
  return index;
}

/** Anthropic usage counters are cumulative totals; a later non-null value replaces the earlier one. */
function mergeUsage(target: JsonObject, usage: unknown): void {
  if (!isObject(usage)) return;
  for (const [key, value] of Object.entries(usage)) {
    if (value !== null && value !== undefined) target[key] = value;
  }
}
