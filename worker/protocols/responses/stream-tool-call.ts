// Owns one streamed Responses call item (function, freeform or tool search): its added/delta/done events and final shape.

import { CUSTOM_INPUT, customInputFromArguments } from '../shared/custom-tools';
import { JsonStringField } from '../shared/json-string-stream';
import type { JsonObject } from '../types';
import { customCallItem, functionCallItem, toolSearchArguments, toolSearchCallItem } from './output-items';
import type { EventSink, StreamedItem } from './stream-items';

/** How a streamed call reaches the client: as it came, or rebuilt from Chat function arguments (tool-table.ts). */
export type StreamedCallKind = 'function' | 'custom' | 'custom_from_function' | 'tool_search';

export class ToolCallStream implements StreamedItem {
  private args = '';
  private input = '';
  private readonly decoder: JsonStringField | undefined;
  private readonly id: string;

  constructor(
    readonly index: number,
    private readonly kind: StreamedCallKind,
    private readonly callId: string,
    private readonly name: string,
    sink: EventSink,
    private readonly namespace?: string,
  ) {
    if (kind === 'custom_from_function') this.decoder = new JsonStringField(CUSTOM_INPUT);
    const item = this.build('in_progress');
    this.id = String(item.id);
    sink.emit('response.output_item.added', { output_index: index, item });
  }

  private build(status: string): JsonObject {
    if (this.kind === 'tool_search') {
      const args = status === 'in_progress' ? {} : toolSearchArguments(this.args);
      return toolSearchCallItem(this.callId, args, status);
    }
    if (this.kind === 'function')
      return functionCallItem(this.callId, this.name, this.args, status, this.namespace);
    return customCallItem(this.callId, this.name, this.customInput(status), this.namespace);
  }

  private customInput(status: string): string {
    if (this.kind === 'custom') return this.args;
    return status === 'in_progress' ? this.input : customInputFromArguments(this.args);
  }

  append(sink: EventSink, delta: string): void {
    this.args += delta;
    const at = { item_id: this.id, output_index: this.index };
    if (this.kind === 'function') sink.emit('response.function_call_arguments.delta', { ...at, delta });
    else if (this.kind === 'custom') sink.emit('response.custom_tool_call_input.delta', { ...at, delta });
    else if (this.decoder) {
      const text = this.decoder.push(delta);
      this.input += text;
      if (text !== '') sink.emit('response.custom_tool_call_input.delta', { ...at, delta: text });
    }
  }

  close(sink: EventSink, status: string): JsonObject {
    const at = { item_id: this.id, output_index: this.index };
    if (this.kind === 'function') {
      sink.emit('response.function_call_arguments.done', { ...at, arguments: this.args });
    } else if (this.kind !== 'tool_search') {
      const input = this.customInput(status);
      // A model that ignored the one-string schema: whatever did not stream as deltas is sent now.
      if (this.kind === 'custom_from_function' && input.startsWith(this.input) && input !== this.input)
        sink.emit('response.custom_tool_call_input.delta', { ...at, delta: input.slice(this.input.length) });
      sink.emit('response.custom_tool_call_input.done', { ...at, input });
    }
    const item = this.build(status);
    sink.emit('response.output_item.done', { output_index: this.index, item });
    return item;
  }

  snapshot(): JsonObject {
    return this.build('incomplete');
  }
}
