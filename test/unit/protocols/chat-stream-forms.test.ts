// A Chat stream and a Chat completion turned into each other: what a cached answer becomes for the other kind of client.
import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../worker/lib/sse';
import { chatResponseToMessages } from '../../../worker/protocols/anthropic/chat-to-messages-response';
import { createChatToMessagesStream } from '../../../worker/protocols/anthropic/chat-to-messages-stream';
import { createMessagesToChatStream } from '../../../worker/protocols/anthropic/messages-to-chat-stream';
import { chatResponseToChatStream } from '../../../worker/protocols/shared/chat-response-to-chat-stream';
import { chatStreamToChatResponse } from '../../../worker/protocols/shared/chat-stream-to-chat-response';
import { ConversionError, type JsonObject } from '../../../worker/protocols/types';
import { accumulateChat, accumulateMessages } from './chat-messages/accumulate';
import { fixtureJson, fixtureText, runStream } from './chat-messages/fixtures';

const firstChoice = (c: JsonObject) => (c.choices as JsonObject[])[0] as JsonObject;

describe('a Chat stream added up into one completion', () => {
  it.each([
    ['parallel tool calls', 'stream-chat-to-messages/parallel-tools.in.sse'],
    ['signed thinking', 'stream-chat-to-messages/signed-thinking.in.sse'],
    ['DeepSeek reasoning', 'stream-chat-to-messages/deepseek-reasoning.in.sse'],
  ])('holds what an SDK stream helper would assemble (%s)', (_label, path) => {
    const events = parseSse(fixtureText(path));
    const completion = chatStreamToChatResponse(events);
    const sdk = accumulateChat(events);
    const { refusal: _r, ...message } = firstChoice(completion).message as JsonObject;
    expect(message).toEqual(sdk.message);
    expect(firstChoice(completion).finish_reason).toBe(sdk.finish_reason);
    expect(completion.usage).toEqual(sdk.usage);
    expect(completion).toMatchObject({ object: 'chat.completion', id: expect.any(String) });
  });

  it('adds up an Anthropic stream converted to Chat, signatures and usage included', () => {
    const chat = runStream(
      createMessagesToChatStream({ includeUsage: true }),
      fixtureText('stream-messages-to-chat/thinking-tools.include-usage.in.sse'),
    );
    const completion = chatStreamToChatResponse(chat);
    const message = firstChoice(completion).message as JsonObject;
    expect((message.thinking_blocks as JsonObject[])[0]).toMatchObject({
      type: 'thinking',
      signature: expect.any(String),
    });
    expect((message.tool_calls as JsonObject[]).length).toBeGreaterThan(0);
    expect(completion.usage).toMatchObject({ prompt_tokens: expect.any(Number) });
  });

  it('keeps several choices apart by index', () => {
    const chunk = (index: number, content: string, finish: string | null = null) => ({
      data: JSON.stringify({
        id: 'c',
        created: 1,
        model: 'm',
        choices: [{ index, delta: { content }, finish_reason: finish }],
      }),
    });
    const completion = chatStreamToChatResponse([
      chunk(0, 'a'),
      chunk(1, 'x'),
      chunk(0, 'b', 'stop'),
      chunk(1, 'y', 'length'),
    ]);
    expect(
      (completion.choices as JsonObject[]).map((c) => [(c.message as JsonObject).content, c.finish_reason]),
    ).toEqual([
      ['ab', 'stop'],
      ['xy', 'length'],
    ]);
  });

  it('refuses a stream that carries an error chunk: that is no answer', () => {
    expect(() =>
      chatStreamToChatResponse(parseSse(fixtureText('stream-chat-to-messages/upstream-error.in.sse'))),
    ).toThrow(ConversionError);
  });
});

describe('one completion streamed as Chat chunks', () => {
  it.each(['tool-calls', 'deepseek-reasoning', 'refusal'])(
    'adds back up to the same completion (%s)',
    (name) => {
      const completion = fixtureJson(`response-chat-to-messages/${name}.in.json`);
      const again = chatStreamToChatResponse(chatResponseToChatStream(completion));
      const original = firstChoice(completion);
      const back = firstChoice(again);
      expect(back.message).toMatchObject(original.message as JsonObject);
      expect(back.finish_reason).toBe(original.finish_reason);
      expect(again.usage).toEqual(completion.usage);
      expect(again.id).toBe(completion.id);
    },
  );

  it.each(['tool-calls', 'deepseek-reasoning'])(
    'streams to Anthropic as the same message the non-stream conversion gives (%s)',
    (name) => {
      const completion = fixtureJson(`response-chat-to-messages/${name}.in.json`);
      const converter = createChatToMessagesStream();
      const events = chatResponseToChatStream(completion).flatMap((e) => converter.push(e));
      const streamed = accumulateMessages([...events, ...converter.end()]);
      const whole = chatResponseToMessages(completion);
      expect(streamed.content).toEqual(whole.content);
      expect(streamed.stop_reason).toBe(whole.stop_reason);
      expect(streamed.usage).toEqual(whole.usage);
    },
  );

  it('announces each tool call once with its id, name and empty arguments, then the arguments', () => {
    const completion = fixtureJson('response-chat-to-messages/tool-calls.in.json');
    const deltas = chatResponseToChatStream(completion)
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data) as JsonObject)
      .flatMap((c) => (c.choices as JsonObject[]).map((ch) => ch.delta as JsonObject));
    const calls = deltas.flatMap((d) => (Array.isArray(d.tool_calls) ? (d.tool_calls as JsonObject[]) : []));
    const heads = calls.filter((c) => c.id !== undefined);
    expect(heads.every((c) => (c.function as JsonObject).arguments === '')).toBe(true);
    expect(new Set(heads.map((c) => c.index)).size).toBe(heads.length);
  });
});
