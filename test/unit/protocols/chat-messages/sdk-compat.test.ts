// Tests that the official OpenAI and Anthropic SDKs read converted streams as if the real API sent them.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { serializeSse } from '../../../../worker/lib/sse';
import { createChatToMessagesStream } from '../../../../worker/protocols/anthropic/chat-to-messages-stream';
import { createMessagesToChatStream } from '../../../../worker/protocols/anthropic/messages-to-chat-stream';
import type { StreamConverter } from '../../../../worker/protocols/types';
import { fixtureText, freezeClockInEachTest, runStream } from './fixtures';

freezeClockInEachTest();

/** A fetch that answers every call with the fixture stream converted by `converter`. */
function convertedFetch(fixture: string, converter: StreamConverter): typeof fetch {
  const body = runStream(converter, fixtureText(fixture)).map(serializeSse).join('');
  return async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const ask = { model: 'm', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Weather?' }] };

describe('official SDKs on converted streams', () => {
  it('the Anthropic SDK assembles thinking with its signature, text and usage from a Chat upstream', async () => {
    const fetch = convertedFetch(
      'stream-chat-to-messages/signed-thinking.in.sse',
      createChatToMessagesStream(),
    );
    const client = new Anthropic({ apiKey: 'test', fetch, maxRetries: 0 });
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Two cities, two calls.', signature: 'EqQBCkYIBRgCIkB0d28gY2l0aWVz' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw' },
      { type: 'text', text: 'Checking now.' },
    ]);
    expect(message.usage).toMatchObject({
      input_tokens: 472,
      cache_read_input_tokens: 2048,
      output_tokens: 40,
    });
  });

  it('the Anthropic SDK assembles reasoning_content as a thinking block from a Chat upstream', async () => {
    const fetch = convertedFetch(
      'stream-chat-to-messages/deepseek-reasoning.in.sse',
      createChatToMessagesStream(),
    );
    const client = new Anthropic({ apiKey: 'test', fetch, maxRetries: 0 });
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content).toMatchObject([
      { type: 'thinking', thinking: 'Compare the decimals: 0.11 is less than 0.80.' },
      { type: 'text', text: '9.11 is smaller than 9.8.' },
    ]);
  });

  it('the Anthropic SDK assembles parallel tool calls from a Chat upstream', async () => {
    const fetch = convertedFetch(
      'stream-chat-to-messages/parallel-tools.in.sse',
      createChatToMessagesStream(),
    );
    const client = new Anthropic({ apiKey: 'test', fetch, maxRetries: 0 });
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((b) => (b.type === 'tool_use' ? [b.id, b.name] : b.type))).toEqual([
      ['call_abc', 'get_weather'],
      ['call_def', 'get_weather'],
    ]);
    expect(message.content[0]).toMatchObject({ input: { city: 'Paris' } });
  });

  it('the OpenAI SDK assembles text, tool calls and usage from an Anthropic upstream', async () => {
    const converter = createMessagesToChatStream({ includeUsage: true });
    const fetch = convertedFetch('stream-messages-to-chat/thinking-tools.include-usage.in.sse', converter);
    const client = new OpenAI({ apiKey: 'test', fetch, maxRetries: 0 });
    const completion = await client.chat.completions
      .stream({ ...ask, stream_options: { include_usage: true } })
      .finalChatCompletion();
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe("I'll check both cities.");
    expect(
      choice?.message.tool_calls?.map((c) => (c.type === 'function' ? [c.id, c.function.arguments] : [])),
    ).toEqual([
      ['toolu_01P', '{"city":"Paris"}'],
      ['toolu_01T', '{"city":"Tokyo"}'],
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 3544, completion_tokens: 188 });
  });

  it('the OpenAI SDK raises an APIError for an upstream error event', async () => {
    const converter = createMessagesToChatStream({ includeUsage: false });
    const fetch = convertedFetch('stream-messages-to-chat/upstream-error.in.sse', converter);
    const client = new OpenAI({ apiKey: 'test', fetch, maxRetries: 0 });
    const read = async () => {
      const stream = await client.chat.completions.create({ ...ask, stream: true });
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(read()).rejects.toMatchObject({ message: 'Overloaded', type: 'server_error' });
  });
});
