// Tests Anthropic SSE → Chat chunk SSE conversion.
import { describe, expect, it } from 'vitest';
import { createMessagesToChatStream } from '../../../../worker/protocols/anthropic/messages-to-chat-stream';
import type { JsonObject, SseEvent } from '../../../../worker/protocols/types';
import { fixtureText, freezeClockInEachTest, payloads, runStream } from './fixtures';

freezeClockInEachTest();

const THINKING_TOOLS = 'stream-messages-to-chat/thinking-tools.include-usage.in.sse';

function ev(type: string, payload: JsonObject = {}): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...payload }) };
}

const start = ev('message_start', {
  message: { id: 'msg_1', model: 'claude', content: [], usage: { input_tokens: 7, output_tokens: 1 } },
});

function deltas(events: SseEvent[]): JsonObject[] {
  return payloads(events).flatMap((chunk) => {
    const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as JsonObject | undefined) : undefined;
    return choice ? [choice.delta as JsonObject] : [];
  });
}

describe('Anthropic SSE → Chat chunks', () => {
  it('starts with a chunk whose delta has role "assistant"', () => {
    const [first] = deltas(
      runStream(createMessagesToChatStream({ includeUsage: false }), fixtureText(THINKING_TOOLS)),
    );
    expect(first).toMatchObject({ role: 'assistant' });
  });

  it('streams a tool call with id and name once and "" initial arguments', () => {
    const toolDeltas = deltas(
      runStream(createMessagesToChatStream({ includeUsage: false }), fixtureText(THINKING_TOOLS)),
    )
      .flatMap((d) => (Array.isArray(d.tool_calls) ? (d.tool_calls as JsonObject[]) : []))
      .filter((call) => call.index === 0);
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: 'toolu_01P',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    for (const later of toolDeltas.slice(1)) expect(Object.keys(later).sort()).toEqual(['function', 'index']);
    expect(toolDeltas.map((d) => (d.function as JsonObject).arguments).join('')).toBe('{"city":"Paris"}');
  });

  it('numbers parallel tool calls 0, 1, … in the order Anthropic started them', () => {
    const indices = deltas(
      runStream(createMessagesToChatStream({ includeUsage: false }), fixtureText(THINKING_TOOLS)),
    )
      .flatMap((d) => (Array.isArray(d.tool_calls) ? (d.tool_calls as JsonObject[]) : []))
      .filter((call) => call.id !== undefined)
      .map((call) => [call.index, call.id]);
    expect(indices).toEqual([
      [0, 'toolu_01P'],
      [1, 'toolu_01T'],
    ]);
  });

  it('sends the usage chunk with choices: [] only when include_usage was asked', () => {
    const text = fixtureText(THINKING_TOOLS);
    const withUsage = payloads(runStream(createMessagesToChatStream({ includeUsage: true }), text));
    const without = payloads(runStream(createMessagesToChatStream({ includeUsage: false }), text));
    expect(withUsage.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3544, completion_tokens: 188 },
    });
    expect(without.some((chunk) => chunk.usage !== undefined)).toBe(false);
  });

  it('ends with [DONE] once, even when the upstream ends without message_stop', () => {
    const converter = createMessagesToChatStream({ includeUsage: false });
    converter.push(start);
    const closing = converter.end();
    expect(closing.at(-1)).toEqual({ data: '[DONE]' });
    // Nothing was sent before the end, so the role chunk comes first, then the finish chunk.
    expect(payloads(closing).map((c) => c.choices)).toMatchObject([
      [{ delta: { role: 'assistant', content: '' }, finish_reason: null }],
      [{ finish_reason: 'stop' }],
    ]);
    expect(converter.end()).toEqual([]);
  });

  it('ignores ping and unknown event types', () => {
    const converter = createMessagesToChatStream({ includeUsage: false });
    expect(converter.push(ev('ping'))).toEqual([]);
    expect(converter.push(ev('brand_new_event', { x: 1 }))).toEqual([]);
  });

  it('turns an upstream error event into an OpenAI error chunk and stops', () => {
    const converter = createMessagesToChatStream({ includeUsage: true });
    converter.push(start);
    const out = converter.push(ev('error', { error: { type: 'rate_limit_error', message: 'Slow down' } }));
    expect(payloads(out)).toEqual([
      { error: { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit_error', param: null } },
    ]);
    expect(converter.end()).toEqual([]);
  });

  it('sends a tool input given whole in content_block_start when no input_json_delta follows', () => {
    const converter = createMessagesToChatStream({ includeUsage: false });
    converter.push(start);
    const block = { type: 'tool_use', id: 't', name: 'f', input: { a: 1 } };
    converter.push(ev('content_block_start', { index: 0, content_block: block }));
    const out = deltas(converter.push(ev('content_block_stop', { index: 0 })));
    expect(out).toEqual([{ tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] }]);
  });

  it('sends each finished thinking block whole, with its signature, after its reasoning_content', () => {
    const all = deltas(
      runStream(createMessagesToChatStream({ includeUsage: false }), fixtureText(THINKING_TOOLS)),
    );
    const blocks = all.flatMap((d) => (Array.isArray(d.thinking_blocks) ? d.thinking_blocks : []));
    expect(blocks).toEqual([
      {
        type: 'thinking',
        thinking: 'The user wants the weather in two cities, so I will call the tool twice.',
        signature: 'EqQBCkYIBRgCIkB0d28gY2l0aWVz',
      },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw' },
    ]);
  });
});
