// Tests that converted streams, accumulated, equal the non-stream conversion of the same content.
import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import { chatResponseToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-response';
import { createChatToMessagesStream } from '../../../../worker/protocols/anthropic/chat-to-messages-stream';
import { messagesResponseToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-response';
import { createMessagesToChatStream } from '../../../../worker/protocols/anthropic/messages-to-chat-stream';
import type { JsonObject } from '../../../../worker/protocols/types';
import { accumulateChat, accumulateMessages } from './accumulate';
import { fixtureJson, fixtureText, freezeClockInEachTest, runStream } from './fixtures';

freezeClockInEachTest();

function firstChoice(completion: JsonObject): JsonObject {
  return (completion.choices as JsonObject[])[0] as JsonObject;
}

describe('a converted stream, accumulated, equals the non-stream conversion of the same content', () => {
  it('Anthropic → Chat: same text, tool calls, reasoning and signatures, finish reason and usage', () => {
    const streamed = accumulateChat(
      runStream(
        createMessagesToChatStream({ includeUsage: true }),
        fixtureText('stream-messages-to-chat/thinking-tools.include-usage.in.sse'),
      ),
    );
    const whole = messagesResponseToChat(fixtureJson('response-messages-to-chat/thinking-tool-use.in.json'));
    const choice = firstChoice(whole);
    const { refusal: _refusal, ...message } = choice.message as JsonObject;
    expect(streamed.message).toEqual(message);
    expect(streamed.finish_reason).toBe(choice.finish_reason);
    expect(streamed.usage).toEqual(whole.usage);
  });

  it.each([
    ['parallel tool calls', 'parallel-tools', 'tool-calls'],
    ['reasoning_content', 'deepseek-reasoning', 'deepseek-reasoning'],
  ])('Chat → Anthropic (%s): same blocks, stop reason and usage', (_label, stream, response) => {
    const streamed = accumulateMessages(
      runStream(createChatToMessagesStream(), fixtureText(`stream-chat-to-messages/${stream}.in.sse`)),
    );
    const whole = chatResponseToMessages(fixtureJson(`response-chat-to-messages/${response}.in.json`));
    expect(streamed.content).toEqual(whole.content);
    expect(streamed.stop_reason).toBe(whole.stop_reason);
    expect(streamed.usage).toEqual(whole.usage);
    expect(streamed.id).toBe(whole.id);
  });

  it('keeps thinking signatures through Anthropic stream → Chat stream → Anthropic stream', () => {
    const original = fixtureText('stream-messages-to-chat/thinking-tools.include-usage.in.sse');
    const chatEvents = runStream(createMessagesToChatStream({ includeUsage: true }), original);
    const chatToAnthropic = createChatToMessagesStream();
    const back = accumulateMessages([
      ...chatEvents.flatMap((e) => chatToAnthropic.push(e)),
      ...chatToAnthropic.end(),
    ]);
    const direct = accumulateMessages(parseSse(original).filter((e) => e.event !== 'ping'));
    // `caller` and `citations` are Anthropic-only details with no Chat form; everything else survives.
    const expected = (direct.content as JsonObject[]).map(({ caller: _c, citations: _t, ...block }) => block);
    expect(back.content).toEqual(expected);
    expect(back.stop_reason).toBe('tool_use');
    expect(back.usage).toMatchObject({
      input_tokens: 472,
      cache_creation_input_tokens: 1024,
      cache_read_input_tokens: 2048,
      output_tokens: 188,
      output_tokens_details: { thinking_tokens: 64 },
    });
  });
});
