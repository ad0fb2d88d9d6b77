// Owns Bedrock ConverseStream events (decoded from event-stream into SSE) → OpenAI Chat chunks, via Anthropic events.
import { createMessagesToChatStream } from '../anthropic/messages-to-chat-stream';
import { isObject, num, parseJsonObject, str } from '../shared/json';
import type { JsonObject, SseEvent, StreamConverter } from '../types';
import { anthropicStopReason, anthropicUsage } from './converse-blocks';

function sse(type: string, payload: JsonObject): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...payload }) };
}

/**
 * ConverseStream → Anthropic events: `messageStart` opens the message, a block opens on its
 * `contentBlockStart` (tool use) or its first delta (text, reasoning), `contentBlockStop` closes it,
 * and `metadata` (usage, after `messageStop`) ends the message. The Anthropic → Chat converter does the rest.
 */
class ConverseToMessages {
  private readonly open = new Set<number>();
  private stopReason: unknown;

  constructor(private readonly model: string) {}

  push(event: SseEvent): SseEvent[] {
    const data = parseJsonObject(event.data, `Converse ${event.event ?? 'stream'} event`);
    switch (event.event) {
      case 'messageStart':
        return [
          sse('message_start', {
            message: {
              id: `msg_bedrock_${crypto.randomUUID().slice(0, 8)}`,
              type: 'message',
              role: 'assistant',
              model: this.model,
              content: [],
              stop_reason: null,
              usage: anthropicUsage({}),
            },
          }),
        ];
      case 'contentBlockStart':
        return this.start(num(data.contentBlockIndex) ?? 0, isObject(data.start) ? data.start : {});
      case 'contentBlockDelta':
        return this.delta(num(data.contentBlockIndex) ?? 0, isObject(data.delta) ? data.delta : {});
      case 'contentBlockStop': {
        const index = num(data.contentBlockIndex) ?? 0;
        this.open.delete(index);
        return [sse('content_block_stop', { index })];
      }
      case 'messageStop':
        this.stopReason = data.stopReason;
        return [];
      case 'metadata':
        return [
          sse('message_delta', {
            delta: { stop_reason: anthropicStopReason(this.stopReason), stop_sequence: null },
            usage: anthropicUsage(data.usage),
          }),
          sse('message_stop', {}),
        ];
      case 'error':
        return [{ event: 'error', data: event.data }];
      default:
        return [];
    }
  }

  private start(index: number, start: JsonObject): SseEvent[] {
    this.open.add(index);
    const use = isObject(start.toolUse) ? start.toolUse : {};
    return [
      sse('content_block_start', {
        index,
        content_block: {
          type: 'tool_use',
          id: str(use.toolUseId) ?? '',
          name: str(use.name) ?? '',
          input: {},
        },
      }),
    ];
  }

  private delta(index: number, delta: JsonObject): SseEvent[] {
    const out: SseEvent[] = [];
    const reasoning = isObject(delta.reasoningContent) ? delta.reasoningContent : undefined;
    if (!this.open.has(index)) {
      this.open.add(index);
      const block = reasoning
        ? { type: 'thinking', thinking: '', signature: '' }
        : { type: 'text', text: '' };
      out.push(sse('content_block_start', { index, content_block: block }));
    }
    if (typeof delta.text === 'string')
      out.push(sse('content_block_delta', { index, delta: { type: 'text_delta', text: delta.text } }));
    if (isObject(delta.toolUse)) {
      out.push(
        sse('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: str(delta.toolUse.input) ?? '' },
        }),
      );
    }
    if (reasoning && typeof reasoning.text === 'string') {
      out.push(
        sse('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: reasoning.text } }),
      );
    }
    if (reasoning && typeof reasoning.signature === 'string') {
      out.push(
        sse('content_block_delta', {
          index,
          delta: { type: 'signature_delta', signature: reasoning.signature },
        }),
      );
    }
    return out;
  }
}

/** ConverseStream SSE → Chat chunks. */
export function createConverseToChatStream(opts: { includeUsage: boolean; model: string }): StreamConverter {
  const first = new ConverseToMessages(opts.model);
  const second = createMessagesToChatStream({ includeUsage: opts.includeUsage });
  return {
    push: (ev) => first.push(ev).flatMap((e) => second.push(e)),
    end: () => second.end(),
  };
}
