// Owns one streamed Responses output item each (reasoning, message, tool call): its added/delta/done events and final shape.
import type { JsonObject, SseEvent } from '../types';
import { jsonEvent } from './json-fields';
import { customCallItem, functionCallItem, messageItem, reasoningItem, textPart } from './output-items';

/** Numbers and serializes Responses events; `sequence_number` runs across the whole stream. */
export class EventSink {
  private seq = 0;
  private buffer: SseEvent[] = [];

  emit(type: string, fields: JsonObject): void {
    this.buffer.push(jsonEvent({ type, sequence_number: this.seq++, ...fields }, type));
  }

  drain(): SseEvent[] {
    const out = this.buffer;
    this.buffer = [];
    return out;
  }

  get nextSequence(): number {
    return this.seq;
  }
}

/** One output item being streamed. */
export interface StreamedItem {
  readonly index: number;
  /** Emits the item's closing events and returns its final shape. */
  close(sink: EventSink, status: string): JsonObject;
  /** The item as it stands now, for a `response.failed` snapshot. */
  snapshot(): JsonObject;
}

export class ReasoningStream implements StreamedItem {
  private text = '';
  signature: string | undefined;

  constructor(
    readonly index: number,
    private readonly id: string,
    sink: EventSink,
  ) {
    sink.emit('response.output_item.added', {
      output_index: index,
      item: { id, type: 'reasoning', summary: [] },
    });
    sink.emit('response.content_part.added', { ...this.at(), part: { type: 'reasoning_text', text: '' } });
  }

  private at(): JsonObject {
    return { item_id: this.id, output_index: this.index, content_index: 0 };
  }

  append(sink: EventSink, delta: string): void {
    this.text += delta;
    sink.emit('response.reasoning_text.delta', { ...this.at(), delta });
  }

  /** Sends whatever part of the block's full text did not stream as deltas. */
  complete(sink: EventSink, full: string): void {
    if (full.length > this.text.length && full.startsWith(this.text))
      this.append(sink, full.slice(this.text.length));
  }

  close(sink: EventSink): JsonObject {
    sink.emit('response.reasoning_text.done', { ...this.at(), text: this.text });
    sink.emit('response.content_part.done', {
      ...this.at(),
      part: { type: 'reasoning_text', text: this.text },
    });
    const item = this.snapshot();
    sink.emit('response.output_item.done', { output_index: this.index, item });
    return item;
  }

  snapshot(): JsonObject {
    return reasoningItem(this.id, this.text, this.signature);
  }
}

interface TextState {
  type: 'output_text';
  text: string;
  annotations: JsonObject[];
  logprobs: JsonObject[];
}
interface RefusalState {
  type: 'refusal';
  refusal: string;
}

function finalPart(part: TextState | RefusalState): JsonObject {
  return part.type === 'refusal'
    ? { type: 'refusal', refusal: part.refusal }
    : textPart(part.text, part.annotations, part.logprobs);
}

export class MessageStream implements StreamedItem {
  private parts: (TextState | RefusalState)[] = [];
  private open: TextState | RefusalState | undefined;

  constructor(
    readonly index: number,
    private readonly id: string,
    sink: EventSink,
  ) {
    const item = { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    sink.emit('response.output_item.added', { output_index: index, item });
  }

  private at(): JsonObject {
    return { item_id: this.id, output_index: this.index, content_index: this.parts.length - 1 };
  }

  private part<T extends TextState | RefusalState>(sink: EventSink, type: T['type']): T {
    if (this.open?.type === type) return this.open as T;
    this.closePart(sink);
    const state =
      type === 'refusal' ? { type, refusal: '' } : { type, text: '', annotations: [], logprobs: [] };
    this.parts.push(state as T);
    this.open = state as T;
    const added = type === 'refusal' ? { type, refusal: '' } : { type, text: '', annotations: [] };
    sink.emit('response.content_part.added', { ...this.at(), part: added });
    return state as T;
  }

  appendText(sink: EventSink, delta: string, logprobs: JsonObject[]): void {
    const part = this.part<TextState>(sink, 'output_text');
    part.text += delta;
    part.logprobs.push(...logprobs);
    sink.emit('response.output_text.delta', { ...this.at(), delta, logprobs });
  }

  appendRefusal(sink: EventSink, delta: string): void {
    const part = this.part<RefusalState>(sink, 'refusal');
    part.refusal += delta;
    sink.emit('response.refusal.delta', { ...this.at(), delta });
  }

  addAnnotation(sink: EventSink, annotation: JsonObject): void {
    const part = this.part<TextState>(sink, 'output_text');
    const annotationIndex = part.annotations.length;
    part.annotations.push(annotation);
    sink.emit('response.output_text.annotation.added', {
      ...this.at(),
      annotation_index: annotationIndex,
      annotation,
    });
  }

  private closePart(sink: EventSink): void {
    const part = this.open;
    if (part === undefined) return;
    this.open = undefined;
    if (part.type === 'refusal') sink.emit('response.refusal.done', { ...this.at(), refusal: part.refusal });
    else sink.emit('response.output_text.done', { ...this.at(), text: part.text, logprobs: part.logprobs });
    sink.emit('response.content_part.done', { ...this.at(), part: finalPart(part) });
  }

  close(sink: EventSink, status: string): JsonObject {
    this.closePart(sink);
    const item = messageItem(this.id, this.parts.map(finalPart), status);
    sink.emit('response.output_item.done', { output_index: this.index, item });
    return item;
  }

  snapshot(): JsonObject {
    return messageItem(this.id, this.parts.map(finalPart), 'incomplete');
  }
}

export class ToolCallStream implements StreamedItem {
  private args = '';
  private readonly id: string;

  constructor(
    readonly index: number,
    private readonly kind: 'function' | 'custom',
    private readonly callId: string,
    private readonly name: string,
    sink: EventSink,
  ) {
    const item = this.build('in_progress');
    this.id = String(item.id);
    sink.emit('response.output_item.added', { output_index: index, item });
  }

  private build(status: string): JsonObject {
    return this.kind === 'custom'
      ? customCallItem(this.callId, this.name, this.args)
      : functionCallItem(this.callId, this.name, this.args, status);
  }

  append(sink: EventSink, delta: string): void {
    this.args += delta;
    const type =
      this.kind === 'custom'
        ? 'response.custom_tool_call_input.delta'
        : 'response.function_call_arguments.delta';
    sink.emit(type, { item_id: this.id, output_index: this.index, delta });
  }

  close(sink: EventSink, status: string): JsonObject {
    if (this.kind === 'custom') {
      sink.emit('response.custom_tool_call_input.done', {
        item_id: this.id,
        output_index: this.index,
        input: this.args,
      });
    } else {
      sink.emit('response.function_call_arguments.done', {
        item_id: this.id,
        output_index: this.index,
        arguments: this.args,
      });
    }
    const item = this.build(status);
    sink.emit('response.output_item.done', { output_index: this.index, item });
    return item;
  }

  snapshot(): JsonObject {
    return this.build('incomplete');
  }
}
