// Owns the Chat chunk stream → Responses event stream conversion (full event set, sequence numbers, final response).

import { chatReasoningText } from '../shared/thinking-blocks';
import { ConversionError, type JsonObject, type SseEvent, type StreamConverter } from '../types';
import type { ResponseOptions } from './chat-to-responses-response';
import { asArray, asObject, isObject, optNumber, optObject, optString, parseEventData } from './json-fields';
import {
  chatAnnotationToResponses,
  chatLogprobsToResponses,
  itemId,
  responseIdFromChat,
  statusFromFinish,
} from './output-items';
import { chatThinkingPieces, markEncrypted, type ReasoningPiece, wantsReasoningSummary } from './reasoning';
import { buildResponse, type ResponseFacts } from './response-object';
import { EventSink, MessageStream, ReasoningStream, type StreamedItem } from './stream-items';
import { type StreamedCallKind, ToolCallStream } from './stream-tool-call';
import { type ToolTable, toolTableOf } from './tool-table';
import { chatUsageToResponses } from './usage';

/** A Chat → Responses stream that can also end itself with a failure the client understands. */
export interface ChatToResponsesStream extends StreamConverter {
  /** Ends the client's stream mid-way with `response.failed` (partial output) then an `error` event. */
  fail(message: string, code?: string): SseEvent[];
}

class ChatToResponses implements ChatToResponsesStream {
  private readonly sink = new EventSink();
  private facts: ResponseFacts | undefined;
  private textual: ReasoningStream | MessageStream | undefined;
  private readonly tools = new Map<number, ToolCallStream>();
  private readonly open = new Set<StreamedItem>();
  private readonly items: StreamedItem[] = [];
  private readonly output: JsonObject[] = [];
  private counts = { rs: 0, msg: 0 };
  private finish: unknown = null;
  private usage: JsonObject | undefined;
  private ended = false;
  private readonly table: ToolTable;
  private readonly summaries: boolean;

  constructor(
    private readonly request: JsonObject | undefined,
    private readonly options: ResponseOptions,
  ) {
    this.table = toolTableOf(request ?? {});
    this.summaries = wantsReasoningSummary(request);
  }

  push(event: SseEvent): SseEvent[] {
    const chunk = parseEventData(event);
    if (chunk === null || this.ended) return [];
    if (isObject(chunk.error)) {
      const { message, code } = chunk.error;
      return this.fail(String(message ?? 'upstream error'), typeof code === 'string' ? code : undefined);
    }
    this.start(chunk);
    const usage = optObject(chunk.usage, 'usage');
    if (usage !== undefined) this.usage = usage;
    const choices = asArray(chunk.choices ?? [], 'choices').map((c) => asObject(c, 'choice'));
    const choice = choices.find((c) => (c.index ?? 0) === 0);
    if (choice !== undefined) this.applyChoice(choice);
    return this.sink.drain();
  }

  end(): SseEvent[] {
    if (this.ended) return [];
    if (this.facts === undefined) throw new ConversionError('upstream stream ended before its first chunk');
    this.closeAll();
    this.ended = true;
    const { status, reason } = statusFromFinish(this.finish);
    const usage = this.usage === undefined ? undefined : chatUsageToResponses(this.usage);
    const response = this.response({ status, incompleteReason: reason, usage, output: this.output });
    this.sink.emit(status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
    return this.sink.drain();
  }

  fail(message: string, code = 'server_error'): SseEvent[] {
    if (this.ended) return [];
    this.ended = true;
    if (this.facts !== undefined) {
      const output = this.items.map((item) => this.output[item.index] ?? item.snapshot());
      const response = this.response({ status: 'failed', error: { code, message }, output });
      this.sink.emit('response.failed', { response });
    }
    this.sink.emit('error', { code, message, param: null });
    return this.sink.drain();
  }

  private response(patch: Partial<ResponseFacts>): JsonObject {
    return buildResponse({ ...(this.facts as ResponseFacts), ...patch }, this.request);
  }

  private start(chunk: JsonObject): void {
    if (this.facts !== undefined) {
      if (chunk.service_tier != null) this.facts.serviceTier = chunk.service_tier;
      return;
    }
    const upstreamId = optString(chunk.id, 'id');
    this.facts = {
      id: this.options.responseId ?? responseIdFromChat(upstreamId ?? `resp_${crypto.randomUUID()}`),
      createdAt: optNumber(chunk.created, 'created') ?? Math.floor(Date.now() / 1000),
      model: optString(chunk.model, 'model') ?? '',
      status: 'in_progress',
      output: [],
      serviceTier: chunk.service_tier,
      stored: this.options.stored,
      previousResponseId: this.options.previousResponseId,
    };
    const response = this.response({});
    this.sink.emit('response.created', { response });
    this.sink.emit('response.in_progress', { response });
  }

  private applyChoice(choice: JsonObject): void {
    const delta = optObject(choice.delta, 'delta') ?? {};
    const reasoning = chatReasoningText(delta);
    if (reasoning) this.reasoning().append(this.sink, reasoning);
    for (const piece of chatThinkingPieces(delta)) this.endThinkingBlock(piece);
    const text = optString(delta.content, 'delta.content');
    if (text) this.message().appendText(this.sink, text, chatLogprobsToResponses(choice.logprobs));
    const refusal = optString(delta.refusal, 'delta.refusal');
    if (refusal) this.message().appendRefusal(this.sink, refusal);
    for (const raw of asArray(delta.annotations ?? [], 'delta.annotations')) {
      this.message().addAnnotation(this.sink, chatAnnotationToResponses(raw));
    }
    asArray(delta.tool_calls ?? [], 'delta.tool_calls').forEach((raw, position) => {
      this.toolDelta(asObject(raw, 'tool_call delta'), position);
    });
    if (choice.finish_reason != null) {
      this.finish = choice.finish_reason;
      this.closeAll();
    }
  }

  /**
   * A `thinking_blocks` entry arrives whole when its block ends: it signs (and completes, if its
   * text did not stream) the open reasoning item, which then closes so the next block gets its own.
   */
  private endThinkingBlock(piece: ReasoningPiece): void {
    const item = this.reasoning();
    item.complete(this.sink, piece.text);
    item.signature = markEncrypted(piece.encrypted, this.options.reasoningOrigin);
    this.closeTextual();
  }

  private nextIndex(): number {
    return this.items.length;
  }

  private reasoning(): ReasoningStream {
    if (this.textual instanceof ReasoningStream) return this.textual;
    this.closeTextual();
    const id = itemId('rs', (this.facts as ResponseFacts).id, this.counts.rs++);
    const item = this.track(new ReasoningStream(this.nextIndex(), id, this.sink, this.summaries));
    this.textual = item;
    return item;
  }

  private message(): MessageStream {
    if (this.textual instanceof MessageStream) return this.textual;
    this.closeTextual();
    const id = itemId('msg', (this.facts as ResponseFacts).id, this.counts.msg++);
    const item = this.track(new MessageStream(this.nextIndex(), id, this.sink));
    this.textual = item;
    return item;
  }

  private toolDelta(call: JsonObject, position: number): void {
    const index = optNumber(call.index, 'tool_call.index') ?? position;
    const custom = optObject(call.custom, 'tool_call.custom');
    const fn = optObject(call.function, 'tool_call.function') ?? {};
    let stream = this.tools.get(index);
    if (stream === undefined) {
      this.closeTextual();
      const base = (this.facts as ResponseFacts).id.replace(/^resp_/, '');
      const callId = optString(call.id, 'tool_call.id') ?? `call_${base}_${index}`;
      const name = optString((custom ?? fn).name, 'tool_call name') ?? '';
      const native = call.type === 'custom' || custom !== undefined;
      const origin = native ? { kind: 'custom' as const, name } : this.table.origin(name);
      const kind: StreamedCallKind =
        native || origin.kind === 'function'
          ? origin.kind
          : origin.kind === 'custom'
            ? 'custom_from_function'
            : 'tool_search';
      stream = this.track(
        new ToolCallStream(this.nextIndex(), kind, callId, origin.name, this.sink, origin.namespace),
      );
      this.tools.set(index, stream);
    }
    const fragment = optString(custom !== undefined ? custom.input : fn.arguments, 'tool_call arguments');
    if (fragment) stream.append(this.sink, fragment);
  }

  private track<T extends StreamedItem>(item: T): T {
    this.items.push(item);
    this.open.add(item);
    return item;
  }

  private closeTextual(): void {
    if (this.textual === undefined) return;
    this.closeItem(this.textual, 'completed');
    this.textual = undefined;
  }

  private closeItem(item: StreamedItem, status: string): void {
    this.open.delete(item);
    this.output[item.index] = item.close(this.sink, status);
  }

  /** Closes every open item in output order; only the last one of a cut-off answer is unfinished. */
  private closeAll(): void {
    const items = [...this.open].sort((a, b) => a.index - b.index);
    const last = this.nextIndex() - 1;
    const truncated = statusFromFinish(this.finish).status === 'incomplete';
    for (const item of items)
      this.closeItem(item, truncated && item.index === last ? 'incomplete' : 'completed');
    this.textual = undefined;
    this.tools.clear();
  }
}

/**
 * Chat chunks → Responses events: `response.created`/`in_progress`, then per item
 * `output_item.added` → parts and deltas → `.done` events, and finally `response.completed`
 * (or `response.incomplete`) carrying the whole response with usage. Pass the client's
 * Responses request to echo its settings on the response objects.
 */
export function createChatToResponsesStream(
  opts: { request?: JsonObject } & ResponseOptions = {},
): ChatToResponsesStream {
  return new ChatToResponses(opts.request, opts);
}
