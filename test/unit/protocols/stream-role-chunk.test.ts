// Tests that converted Chat streams open with the role chunk OpenAI sends, so the official SDK accumulates
// a tool-call-only answer to `content: null`, exactly like the non-stream conversion of the same answer.
// (Text answers still open with `content: ""`; the golden stream fixtures cover that.)
import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../../../worker/lib/sse';
import { messagesResponseToChat } from '../../../worker/protocols/anthropic/messages-to-chat-response';
import { createMessagesToChatStream } from '../../../worker/protocols/anthropic/messages-to-chat-stream';
import { createResponsesToChatStream, responsesResponseToChat } from '../../../worker/protocols/responses';
import type { JsonObject, StreamConverter } from '../../../worker/protocols/types';
import { clientAnswering, convertStream, toSseText } from './responses/helpers';

function sse(events: JsonObject[]): string {
  return events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}

const anthropicToolOnly = {
  body: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude',
    content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 9, output_tokens: 4 },
  },
  stream: sse([
    {
      type: 'message_start',
      message: { id: 'msg_1', model: 'claude', content: [], usage: { input_tokens: 9, output_tokens: 1 } },
    },
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 4 } },
    { type: 'message_stop' },
  ]),
};

const call = { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather' };
const response = { id: 'resp_1', object: 'response', created_at: 9, model: 'gpt', output: [] };
const responsesToolOnly = {
  body: {
    ...response,
    status: 'completed',
    output: [{ ...call, status: 'completed', arguments: '{"city":"Paris"}' }],
    usage: { input_tokens: 9, output_tokens: 4, total_tokens: 13 },
  },
  stream: sse([
    { type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } },
    { type: 'response.output_item.added', output_index: 0, item: { ...call, arguments: '' } },
    { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '{"city":' },
    { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '"Paris"}' },
    { type: 'response.output_item.done', output_index: 0, item: { ...call, arguments: '{"city":"Paris"}' } },
    {
      type: 'response.completed',
      response: { ...response, status: 'completed', usage: { input_tokens: 9, output_tokens: 4 } },
    },
  ]),
};

async function accumulated(events: SseEvent[], body: JsonObject) {
  const streamed = await clientAnswering(toSseText(events), 'text/event-stream')
    .chat.completions.stream({ model: 'm', messages: [] })
    .finalChatCompletion();
  const whole = await clientAnswering(JSON.stringify(body), 'application/json').chat.completions.create({
    model: 'm',
    messages: [],
  });
  return { streamed: streamed.choices[0]?.message, whole: whole.choices[0]?.message };
}

const firstDelta = (events: SseEvent[]) =>
  (JSON.parse(events[0]?.data ?? '{}') as { choices?: { delta: JsonObject }[] }).choices?.[0]?.delta;

describe.each<
  [string, () => StreamConverter, { body: JsonObject; stream: string }, (b: JsonObject) => JsonObject]
>([
  [
    'Anthropic → Chat',
    () => createMessagesToChatStream({ includeUsage: false }),
    anthropicToolOnly,
    messagesResponseToChat,
  ],
  [
    'Responses → Chat',
    () => createResponsesToChatStream({ includeUsage: false }),
    responsesToolOnly,
    responsesResponseToChat,
  ],
])('%s: the role chunk', (_name, converter, answer, convertBody) => {
  it('says content null before an answer that opens with a tool call', () => {
    const events = convertStream(converter(), answer.stream);
    expect(firstDelta(events)).toMatchObject({ role: 'assistant', content: null });
  });

  it('lets the official SDK accumulate a tool-call-only answer to the non-stream message', async () => {
    const { streamed, whole } = await accumulated(
      convertStream(converter(), answer.stream),
      convertBody(answer.body),
    );
    expect(whole?.content).toBeNull();
    expect(streamed?.content).toBeNull();
    expect(streamed?.tool_calls).toEqual(whole?.tool_calls);
  });
});

const thinkingThenTool = {
  body: {
    ...anthropicToolOnly.body,
    content: [
      { type: 'thinking', thinking: 'Need the weather.', signature: 'sig_1' },
      ...anthropicToolOnly.body.content,
    ],
  },
  stream: sse([
    {
      type: 'message_start',
      message: { id: 'msg_1', model: 'claude', content: [], usage: { input_tokens: 9, output_tokens: 1 } },
    },
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    },
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'thinking_delta', thinking: 'Need the weather.' },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig_1' } },
    { type: 'content_block_stop', index: 0 },
    {
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
    },
    {
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' },
    },
    { type: 'content_block_stop', index: 1 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 4 } },
    { type: 'message_stop' },
  ]),
};

const thinkingOnly = {
  body: { ...thinkingThenTool.body, content: [thinkingThenTool.body.content[0]], stop_reason: 'end_turn' },
  stream: sse([
    {
      type: 'message_start',
      message: { id: 'msg_1', model: 'claude', content: [], usage: { input_tokens: 9, output_tokens: 1 } },
    },
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Nothing to say.' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } },
    { type: 'message_stop' },
  ]),
};

describe('Anthropic → Chat: answers that open with reasoning', () => {
  it('accumulate to content null when tool calls follow the reasoning', async () => {
    const stream = convertStream(
      createMessagesToChatStream({ includeUsage: false }),
      thinkingThenTool.stream,
    );
    const { streamed, whole } = await accumulated(stream, messagesResponseToChat(thinkingThenTool.body));
    expect(whole?.content).toBeNull();
    expect(streamed?.content).toBeNull();
  });

  it('accumulate to content "" when nothing but reasoning came back', async () => {
    const stream = convertStream(createMessagesToChatStream({ includeUsage: false }), thinkingOnly.stream);
    const { streamed, whole } = await accumulated(stream, messagesResponseToChat(thinkingOnly.body));
    expect(whole?.content).toBe('');
    expect(streamed?.content).toBe('');
  });
});
