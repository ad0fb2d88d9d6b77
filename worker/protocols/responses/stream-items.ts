// Owns one streamed Responses output item each (reasoning, message; calls in stream-tool-call.ts): its added/delta/done events and final shape.
import type { JsonObject, SseEvent } from '../types';
import { jsonEvent } from './json-fields';
import { messageItem, reasoningItem, textPart } from './output-items';

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

/**
 * One reasoning item. Raw reasoning streams as `reasoning_text` content; for a client that asked for
 * summaries it streams as one summary part instead (opened with the first text, as OpenAI does).
 */
export class ReasoningStream implements StreamedItem {
  private text = '';
  private opened = false;
  signature: string | undefined;

  constructor(
    readonly index: number,
    private readonly id: string,
    sink: EventSink,
    private readonly asSummary = false,
  ) {
    sink.emit('response.output_item.added', {
      output_index: index,
      item: { id, type: 'reasoning', summary: [] },
    });
    if (!asSummary) this.open(sink);
  }

  private at(): JsonObject {
    return this.asSummary
      ? { item_id: this.id, output_index: this.index, summary_index: 0 }
      : { item_id: this.id, output_index: this.index, content_index: 0 };
  }

  private part(text: string): JsonObject {
    return { type: this.asSummary ? 'summary_text' : 'reasoning_text', text };
  }

  private open(sink: EventSink): void {
    this.opened = true;
    const added = this.asSummary ? 'response.reasoning_summary_part.added' : 'response.content_part.added';
    sink.emit(added, { ...this.at(), part: this.part('') });
  }

  append(sink: EventSink, delta: string): void {
    if (!this.opened) this.open(sink);
    this.text += delta;
    const type = this.asSummary ? 'response.reasoning_summary_text.delta' : 'response.reasoning_text.delta';
    sink.emit(type, { ...this.at(), delta });
  }

  /** Sends whatever part of the block's full text did not stream as deltas. */
  complete(sink: EventSink, full: string): void {
    if (full.length > this.text.length && full.startsWith(this.text))
      this.append(sink, full.slice(this.text.length));
  }

  close(sink: EventSink): JsonObject {
    if (this.opened) {
      const [textDone, partDone] = this.asSummary
        ? ['response.reasoning_summary_text.done', 'response.reasoning_summary_part.done']
        : ['response.reasoning_text.done', 'response.content_part.done'];
      sink.emit(textDone, { ...this.at(), text: this.text });
      sink.emit(partDone, { ...this.at(), part: this.part(this.text) });
    }
    const item = this.snapshot();
    sink.emit('response.output_item.done', { output_index: this.index, item });
    return item;
  }

  snapshot(): JsonObject {
    return reasoningItem(this.id, this.text, this.signature, this.asSummary);
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
