// Tests that malformed bodies and events fail with ConversionError, never a TypeError.
import { describe, expect, it } from 'vitest';
import { chatRequestToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-request';
import { chatResponseToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-response';
import { createChatToMessagesStream } from '../../../../worker/protocols/anthropic/chat-to-messages-stream';
import { messagesRequestToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-request';
import { messagesResponseToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-response';
import { createMessagesToChatStream } from '../../../../worker/protocols/anthropic/messages-to-chat-stream';
import { ConversionError, type JsonObject } from '../../../../worker/protocols/types';

function conversionErrorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

const cases: Array<[string, () => unknown]> = [
  ['Chat request without messages', () => chatRequestToMessages({ model: 'm' })],
  ['Chat message that is a string', () => chatRequestToMessages({ messages: ['hi'] })],
  [
    'Chat content that is a number',
    () => chatRequestToMessages({ messages: [{ role: 'user', content: 5 }] }),
  ],
  [
    'Chat role that does not exist',
    () => chatRequestToMessages({ messages: [{ role: 'robot', content: 'x' }] }),
  ],
  [
    'Chat tool call without function',
    () =>
      chatRequestToMessages({
        messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }],
      }),
  ],
  [
    'Chat tool message without id',
    () => chatRequestToMessages({ messages: [{ role: 'tool', content: 'x' }] }),
  ],
  ['Chat stop of numbers', () => chatRequestToMessages({ messages: [], stop: [1] })],
  [
    'Chat audio input',
    () => chatRequestToMessages({ messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }),
  ],
  [
    'Chat image with a non-base64 data URL',
    () =>
      chatRequestToMessages({
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/svg+xml,<svg/>' } }] },
        ],
      }),
  ],
  [
    'Chat file by OpenAI file id',
    () =>
      chatRequestToMessages({
        messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }],
      }),
  ],
  ['Chat tools that are not an array', () => chatRequestToMessages({ messages: [], tools: {} })],
  ['Anthropic request with messages as object', () => messagesRequestToChat({ messages: {} })],
  [
    'Anthropic block without type',
    () => messagesRequestToChat({ messages: [{ role: 'user', content: [{ text: 'x' }] }] }),
  ],
  [
    'Anthropic image by Anthropic file id',
    () =>
      messagesRequestToChat({
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }],
      }),
  ],
  [
    'Anthropic tool_result without tool_use_id',
    () =>
      messagesRequestToChat({
        messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }],
      }),
  ],
  ['Anthropic response without content', () => messagesResponseToChat({ id: 'x' })],
  ['Anthropic response with a string block', () => messagesResponseToChat({ content: ['text'] })],
  ['Chat response without choices', () => chatResponseToMessages({ id: 'x' })],
  ['Chat response with empty choices', () => chatResponseToMessages({ choices: [] })],
  ['Chat response choice without message', () => chatResponseToMessages({ choices: [{ index: 0 }] })],
  [
    'Chat response tool call without function',
    () => chatResponseToMessages({ choices: [{ message: { tool_calls: [{ id: 'c' }] } }] }),
  ],
  [
    'Anthropic SSE data that is not JSON',
    () => createMessagesToChatStream({ includeUsage: false }).push({ data: 'oops' }),
  ],
  [
    'Anthropic SSE data that is an array',
    () => createMessagesToChatStream({ includeUsage: false }).push({ data: '[]' }),
  ],
  [
    'Anthropic delta for a block that never started',
    () =>
      createMessagesToChatStream({ includeUsage: false }).push({
        data: JSON.stringify({
          type: 'content_block_delta',
          index: 3,
          delta: { type: 'text_delta', text: 'x' },
        }),
      }),
  ],
  [
    'Anthropic content_block_start without index',
    () =>
      createMessagesToChatStream({ includeUsage: false }).push({
        data: JSON.stringify({ type: 'content_block_start', content_block: { type: 'text', text: '' } }),
      }),
  ],
  [
    'Anthropic message_start without message',
    () => createMessagesToChatStream({ includeUsage: false }).push({ data: '{"type":"message_start"}' }),
  ],
  ['Chat SSE data that is not JSON', () => createChatToMessagesStream().push({ data: '{"id":' })],
  [
    'Chat chunk whose choices is an object',
    () => createChatToMessagesStream().push({ data: '{"choices":{}}' }),
  ],
  [
    'Chat chunk whose delta is a string',
    () => createChatToMessagesStream().push({ data: '{"choices":[{"delta":"x"}]}' }),
  ],
];

describe('malformed input', () => {
  it.each(cases)('throws ConversionError, never a TypeError, for %s', (_label, run) => {
    const err = conversionErrorOf(run);
    expect(err).toBeInstanceOf(ConversionError);
  });

  it('accepts a weird but harmless chunk without throwing', () => {
    const converter = createChatToMessagesStream();
    const harmless: JsonObject[] = [
      {},
      { choices: null },
      { choices: [null] },
      { choices: [{ index: 1, delta: {} }] },
    ];
    for (const chunk of harmless) expect(() => converter.push({ data: JSON.stringify(chunk) })).not.toThrow();
  });
});
