// Tests Chat chunk SSE → Anthropic SSE conversion.
import { describe, expect, it } from 'vitest';
import { createChatToMessagesStream } from '../../../../worker/protocols/anthropic/chat-to-messages-stream';
import type { JsonObject, SseEvent, StreamConverter } from '../../../../worker/protocols/types';
import { accumulateMessages } from './accumulate';
import { fixtureText, payloads, runStream } from './fixtures';

function chunk(delta: JsonObject | null, extra: JsonObject = {}): SseEvent {
  const choices = delta === null ? [] : [{ index: 0, delta, finish_reason: null }];
  return {
    data: JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      model: 'gpt',
      choices,
      ...extra,
    }),
  };
}

function finishChunk(reason: string): SseEvent {
  return {
    data: JSON.stringify({
      id: 'chatcmpl-1',
      model: 'gpt',
      choices: [{ index: 0, delta: {}, finish_reason: reason }],
    }),
  };
}

function feed(converter: StreamConverter, events: SseEvent[]): SseEvent[] {
  return [...events.flatMap((e) => converter.push(e)), ...converter.end()];
}

const types = (events: SseEvent[]): string[] => events.map((e) => e.event ?? 'data');

describe('Chat chunks → Anthropic SSE', () => {
  it('emits message_start before the first payload', () => {
    const out = feed(createChatToMessagesStream(), [
      chunk({ role: 'assistant', content: 'Hi' }),
      { data: '[DONE]' },
    ]);
    expect(types(out)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('gives each parallel tool call its own tool_use block with its own index', () => {
    const out = runStream(
      createChatToMessagesStream(),
      fixtureText('stream-chat-to-messages/parallel-tools.in.sse'),
    );
    const starts = payloads(out).filter((p) => p.type === 'content_block_start');
    expect(starts.map((s) => [s.index, (s.content_block as JsonObject).id])).toEqual([
      [0, 'call_abc'],
      [1, 'call_def'],
    ]);
    expect(accumulateMessages(out).content).toMatchObject([
      { input: { city: 'Paris' } },
      { name: 'get_weather' },
    ]);
  });

  it('opens a new block when a vendor reuses tool index 0 with a new id', () => {
    const call = (id: string, args: string) =>
      chunk({ tool_calls: [{ index: 0, id, function: { name: 'f', arguments: args } }] });
    const out = feed(createChatToMessagesStream(), [
      call('a', '{}'),
      call('b', '{"x":1}'),
      finishChunk('tool_calls'),
    ]);
    expect(accumulateMessages(out).content).toEqual([
      { type: 'tool_use', id: 'a', name: 'f', input: {} },
      { type: 'tool_use', id: 'b', name: 'f', input: { x: 1 } },
    ]);
  });

  it('holds message_delta until the upstream ends, so a trailing usage chunk with choices: [] is included', () => {
    const converter = createChatToMessagesStream();
    const early = [chunk({ content: 'Hi' }), finishChunk('length')].flatMap((e) => converter.push(e));
    expect(types(early)).not.toContain('message_delta');
    const usage = { prompt_tokens: 12, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 8 } };
    expect(converter.push(chunk(null, { usage }))).toEqual([]);
    const closing = payloads(converter.push({ data: '[DONE]' }));
    expect(closing).toEqual([
      {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: {
          input_tokens: 4,
          output_tokens: 3,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 8,
        },
      },
      { type: 'message_stop' },
    ]);
    expect(converter.end()).toEqual([]);
  });

  it('finishes the message on end() when the upstream never sent [DONE]', () => {
    const out = feed(createChatToMessagesStream(), [chunk({ content: 'Hi' }), finishChunk('stop')]);
    expect(types(out).slice(-2)).toEqual(['message_delta', 'message_stop']);
  });

  it('answers an empty upstream with a complete, empty message', () => {
    expect(types(feed(createChatToMessagesStream(), []))).toEqual([
      'message_start',
      'message_delta',
      'message_stop',
    ]);
  });

  it('accepts LiteLLM-style thinking_blocks fragments without repeating the thinking text', () => {
    const out = feed(createChatToMessagesStream(), [
      chunk({ reasoning_content: 'Let me ', thinking_blocks: [{ type: 'thinking', thinking: 'Let me ' }] }),
      chunk({ reasoning_content: 'think.', thinking_blocks: [{ type: 'thinking', thinking: 'think.' }] }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'sig-1' }] }),
      chunk({ content: 'Done.' }),
      finishChunk('stop'),
    ]);
    expect(accumulateMessages(out).content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('turns refusal deltas into text and stop_reason refusal', () => {
    const out = feed(createChatToMessagesStream(), [chunk({ refusal: 'No.' }), finishChunk('stop')]);
    expect(accumulateMessages(out)).toMatchObject({
      content: [{ type: 'text', text: 'No.' }],
      stop_reason: 'refusal',
    });
  });

  it('turns an upstream error chunk into an Anthropic error event and stops', () => {
    const converter = createChatToMessagesStream();
    converter.push(chunk({ content: 'Hi' }));
    const out = converter.push({
      data: JSON.stringify({ error: { message: 'Too many', type: 'rate_limit_error' } }),
    });
    expect(out).toEqual([
      {
        event: 'error',
        data: JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Too many' } }),
      },
    ]);
    expect(converter.end()).toEqual([]);
  });
});
