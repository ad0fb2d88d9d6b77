// Owns the Responses event stream → Chat chunk stream conversion (tool calls once with "" arguments, usage, [DONE]).
import { ConversionError, type JsonObject, type SseEvent, type StreamConverter } from '../types';
import {
  doneEvent,
  isObject,
  jsonEvent,
  optArray,
  optNumber,
  optObject,
  optString,
  parseEventData,
} from './json-fields';
import { responsesAnnotationToChat } from './output-items';
import { reasoningItemText, reasoningItemToThinkingBlock } from './reasoning';
import { finishFromStatus } from './responses-to-chat-response';
import { responsesUsageToChat } from './usage';

interface ToolState {
  chatIndex: number;
  kind: 'function' | 'custom';
}

/** Maps an OpenAI error code to the Chat error `type` an SDK switches on. */
function errorType(code: unknown): string {
  if (code === 'rate_limit_exceeded') return 'rate_limit_error';
  if (code === 'invalid_prompt' || (typeof code === 'string' && code.startsWith('invalid_'))) {
    return 'invalid_request_error';
  }
  return 'server_error';
}

class ResponsesToChat implements StreamConverter {
  private id = '';
  private created = 0;
  private model = '';
  private serviceTier: unknown;
  private started = false;
  private roleSent = false;
  private sawText = false;
  private finished = false;
  private readonly tools = new Map<number, ToolState>();
  /** What was already sent per streamed field, so `.done` events can fill in what deltas missed. */
  private readonly sent = new Map<string, string>();
  private readonly reasoningMode = new Map<number, 'text' | 'summary'>();
  private out: SseEvent[] = [];

  constructor(private readonly includeUsage: boolean) {}

  push(event: SseEvent): SseEvent[] {
    const data = parseEventData(event);
    if (data === null || this.finished) return [];
    const type = optString(data.type, 'event type') ?? event.event;
    if (type !== 'response.created' && type !== 'error' && !this.started) {
      throw new ConversionError(`Responses stream began with '${String(type)}' instead of response.created`);
    }
    // Events with no Chat meaning (hosted-tool progress, keepalives) are skipped.
    if (type !== undefined && Object.hasOwn(this.handlers, type)) this.handlers[type]?.(data);
    const out = this.out;
    this.out = [];
    return out;
  }

  end(): SseEvent[] {
    if (this.finished) return [];
    throw new ConversionError('Responses stream ended before response.completed');
  }

  private readonly handlers: Record<string, (data: JsonObject) => void> = {
    'response.created': (d) => this.start(d),
    'response.output_item.added': (d) => this.itemAdded(d),
    'response.output_item.done': (d) => this.itemDone(d),
    'response.output_text.delta': (d) => this.streamed('content', d, d.delta, d.logprobs),
    'response.output_text.done': (d) => this.streamed('content', d, d.text, undefined, true),
    'response.refusal.delta': (d) => this.streamed('refusal', d, d.delta),
    'response.refusal.done': (d) => this.streamed('refusal', d, d.refusal, undefined, true),
    'response.output_text.annotation.added': (d) =>
      this.chunk({ annotations: [responsesAnnotationToChat(d.annotation)] }),
    'response.function_call_arguments.delta': (d) => this.toolFragment(d, d.delta),
    'response.custom_tool_call_input.delta': (d) => this.toolFragment(d, d.delta),
    'response.function_call_arguments.done': (d) => this.toolFragment(d, d.arguments, true),
    'response.custom_tool_call_input.done': (d) => this.toolFragment(d, d.input, true),
    'response.reasoning_text.delta': (d) => this.reasoning('text', d, d.delta),
    'response.reasoning_summary_text.delta': (d) => this.reasoning('summary', d, d.delta),
    // Summary parts read as paragraphs, as they do in the non-stream conversion.
    'response.reasoning_summary_part.added': (d) => {
      if ((optNumber(d.summary_index, 'summary_index') ?? 0) > 0) this.reasoning('summary', d, '\n\n');
    },
    'response.completed': (d) => this.complete(optObject(d.response, 'response') ?? {}),
    'response.incomplete': (d) => this.complete(optObject(d.response, 'response') ?? {}),
    'response.failed': (d) => {
      const error = optObject(optObject(d.response, 'response')?.error, 'response.error') ?? {};
      this.failWith(error.message, error.code);
    },
    error: (d) => {
      const error = isObject(d.error) ? d.error : d;
      this.failWith(error.message, error.code);
    },
  };

  private emitChunk(choices: JsonObject[], extra: JsonObject = {}): void {
    const chunk: JsonObject = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
    };
    if (this.serviceTier != null) chunk.service_tier = this.serviceTier;
    this.out.push(jsonEvent({ ...chunk, choices, ...extra }));
  }

  /**
   * One chunk for choice 0, preceded by the role chunk the first time. That chunk waits for the first
   * content because SDKs accumulate its `content`: `""` before text, `null` before an answer that opens
   * with reasoning or a tool call (as OpenAI streams it), so the stream ends with the non-stream content.
   */
  private chunk(delta: JsonObject, logprobs: unknown = null, finish: string | null = null): void {
    if (typeof delta.content === 'string') this.sawText = true;
    if (!this.roleSent) {
      this.roleSent = true;
      const content = typeof delta.content === 'string' ? '' : null;
      this.emitChunk([
        { index: 0, delta: { role: 'assistant', content }, logprobs: null, finish_reason: null },
      ]);
    }
    this.emitChunk([{ index: 0, delta, logprobs, finish_reason: finish }]);
  }

  private start(data: JsonObject): void {
    const response = optObject(data.response, 'response') ?? {};
    this.id = optString(response.id, 'response.id') ?? '';
    this.created = optNumber(response.created_at, 'response.created_at') ?? 0;
    this.model = optString(response.model, 'response.model') ?? '';
    this.serviceTier = response.service_tier;
    this.started = true;
  }

  private itemAdded(data: JsonObject): void {
    const item = optObject(data.item, 'item') ?? {};
    const outputIndex = optNumber(data.output_index, 'output_index') ?? 0;
    if (item.type !== 'function_call' && item.type !== 'custom_tool_call') return;
    const kind = item.type === 'custom_tool_call' ? 'custom' : 'function';
    const state: ToolState = { chatIndex: this.tools.size, kind };
    this.tools.set(outputIndex, state);
    const name = optString(item.name, 'item.name') ?? '';
    const head =
      kind === 'custom'
        ? { type: 'custom', custom: { name, input: '' } }
        : { type: 'function', function: { name, arguments: '' } };
    this.chunk({
      tool_calls: [{ index: state.chatIndex, id: optString(item.call_id, 'item.call_id') ?? '', ...head }],
    });
    const initial = kind === 'custom' ? item.input : item.arguments;
    if (initial) this.toolFragment(data, initial, true);
  }

  private itemDone(data: JsonObject): void {
    const item = optObject(data.item, 'item') ?? {};
    if (item.type === 'function_call') this.toolFragment(data, item.arguments, true);
    else if (item.type === 'custom_tool_call') this.toolFragment(data, item.input, true);
    else if (item.type === 'reasoning') {
      const outputIndex = optNumber(data.output_index, 'output_index') ?? 0;
      if (!this.reasoningMode.has(outputIndex)) this.reasoning('text', data, reasoningItemText(item));
      // Each finished block is sent whole, once, as the Chat ⇄ Anthropic converters expect.
      const block = reasoningItemToThinkingBlock(item);
      if (block !== undefined) this.chunk({ thinking_blocks: [block] });
    }
  }

  /**
   * Sends a text fragment, or — for a `.done` carrying the whole value — whatever part of it the
   * deltas did not already send (some providers skip deltas).
   */
  private streamed(
    field: 'content' | 'refusal',
    data: JsonObject,
    value: unknown,
    logprobs?: unknown,
    whole = false,
  ): void {
    const key = `${field}:${String(data.output_index)}:${String(data.content_index)}`;
    const fragment = this.fresh(key, value, whole);
    if (!fragment) return;
    const lp = optArray(logprobs, 'logprobs') ?? [];
    this.chunk({ [field]: fragment }, lp.length > 0 ? { content: lp, refusal: null } : null);
  }

  private fresh(key: string, value: unknown, whole: boolean): string {
    const text = optString(value, key) ?? '';
    const before = this.sent.get(key) ?? '';
    const fragment = whole ? (text.startsWith(before) ? text.slice(before.length) : '') : text;
    this.sent.set(key, before + fragment);
    return fragment;
  }

  private toolFragment(data: JsonObject, value: unknown, whole = false): void {
    const outputIndex = optNumber(data.output_index, 'output_index') ?? 0;
    const tool = this.tools.get(outputIndex);
    if (tool === undefined)
      throw new ConversionError(`tool call data for unknown output item ${outputIndex}`);
    const fragment = this.fresh(`tool:${outputIndex}`, value, whole);
    if (!fragment) return;
    const body =
      tool.kind === 'custom' ? { custom: { input: fragment } } : { function: { arguments: fragment } };
    this.chunk({ tool_calls: [{ index: tool.chatIndex, ...body }] });
  }

  /** An item streams either raw reasoning text or summaries; the first kind seen wins. */
  private reasoning(kind: 'text' | 'summary', data: JsonObject, value: unknown): void {
    const outputIndex = optNumber(data.output_index, 'output_index') ?? 0;
    if ((this.reasoningMode.get(outputIndex) ?? kind) !== kind) return;
    this.reasoningMode.set(outputIndex, kind);
    const text = optString(value, 'reasoning delta');
    if (text) this.chunk({ reasoning_content: text });
  }

  private complete(response: JsonObject): void {
    // The tier actually used is only final on the completed response.
    if (response.service_tier != null) this.serviceTier = response.service_tier;
    // An answer with neither text nor tool calls ends with `content: ""`, as its non-stream form has.
    const delta = this.sawText || this.tools.size > 0 ? {} : { content: '' };
    this.chunk(delta, null, finishFromStatus(response, this.tools.size > 0));
    const usage = optObject(response.usage, 'response.usage');
    if (this.includeUsage && usage !== undefined) this.emitChunk([], { usage: responsesUsageToChat(usage) });
    this.out.push(doneEvent());
    this.finished = true;
  }

  private failWith(message: unknown, code: unknown): void {
    const error = {
      message: typeof message === 'string' ? message : 'The upstream response failed.',
      type: errorType(code),
      param: null,
      code: typeof code === 'string' ? code : null,
    };
    this.out.push(jsonEvent({ error }), doneEvent());
    this.finished = true;
  }
}

/**
 * Responses events → Chat chunks: a role chunk, content/reasoning/refusal deltas, each tool call
 * once with id, name and `""` arguments then argument fragments, a finish chunk, a usage chunk
 * (`choices: []`) only when the client asked for it, and `[DONE]`. `response.failed` and `error`
 * become a Chat error chunk.
 */
export function createResponsesToChatStream(opts: { includeUsage: boolean }): StreamConverter {
  return new ResponsesToChat(opts.includeUsage);
}
