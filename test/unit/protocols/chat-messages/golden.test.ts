// Tests every golden fixture pair: request, response and SSE inputs against their expected outputs.
import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import { chatRequestToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-request';
import { chatResponseToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-response';
import { createChatToMessagesStream } from '../../../../worker/protocols/anthropic/chat-to-messages-stream';
import { messagesRequestToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-request';
import { messagesResponseToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-response';
import { createMessagesToChatStream } from '../../../../worker/protocols/anthropic/messages-to-chat-stream';
import type { JsonObject } from '../../../../worker/protocols/types';
import { fixturePairs, freezeClockInEachTest, parsedEvents, runStream } from './fixtures';

const JSON_DIRECTIONS: Array<[string, (body: JsonObject) => JsonObject]> = [
  ['request-chat-to-messages', chatRequestToMessages],
  ['request-messages-to-chat', messagesRequestToChat],
  ['response-messages-to-chat', messagesResponseToChat],
  ['response-chat-to-messages', chatResponseToMessages],
];

freezeClockInEachTest();

describe.each(JSON_DIRECTIONS)('golden fixtures: %s', (direction, convert) => {
  const pairs = fixturePairs(direction, 'json');

  it('has fixtures', () => {
    expect(pairs.length).toBeGreaterThan(0);
  });

  it.each(pairs.map((p) => [p.name, p] as const))('converts %s', (_name, pair) => {
    expect(convert(JSON.parse(pair.input) as JsonObject)).toEqual(JSON.parse(pair.expected));
  });
});

describe('golden fixtures: stream-messages-to-chat', () => {
  it.each(fixturePairs('stream-messages-to-chat', 'sse').map((p) => [p.name, p] as const))(
    'converts %s',
    (name, pair) => {
      const converter = createMessagesToChatStream({ includeUsage: name.includes('.include-usage') });
      expect(parsedEvents(runStream(converter, pair.input))).toEqual(parsedEvents(parseSse(pair.expected)));
    },
  );
});

describe('golden fixtures: stream-chat-to-messages', () => {
  it.each(fixturePairs('stream-chat-to-messages', 'sse').map((p) => [p.name, p] as const))(
    'converts %s',
    (_name, pair) => {
      const events = runStream(createChatToMessagesStream(), pair.input);
      expect(parsedEvents(events)).toEqual(parsedEvents(parseSse(pair.expected)));
    },
  );
});
