import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import {
  chatResponseToCompletion,
  completionsRequestToChat,
  createChatToCompletionStream,
} from '../../../../worker/protocols/completions';
import { ConversionError } from '../../../../worker/protocols/types';
import requestExpected from '../../../fixtures/completions/request.chat.json';
import request from '../../../fixtures/completions/request.json';
import responseExpected from '../../../fixtures/completions/response-chat.completion.json';
import chatResponse from '../../../fixtures/completions/response-chat.json';
import streamExpected from '../../../fixtures/completions/stream-chat.completion.sse?raw';
import chatSse from '../../../fixtures/completions/stream-chat.sse?raw';
import {
  clientAnswering,
  convertStream,
  mutations,
  onlyConversionErrors,
  parsedEvents,
  toSseText,
} from '../responses/helpers';

describe('legacy Completions request → Chat request', () => {
  it('sends the prompt as one user message and keeps the sampling options (golden)', () => {
    expect(completionsRequestToChat(request)).toEqual(requestExpected);
  });

  it('accepts a plain string prompt', () => {
    expect(completionsRequestToChat({ model: 'm', prompt: 'Say hi' }).messages).toEqual([
      { role: 'user', content: 'Say hi' },
    ]);
  });

  it.each([
    [{ prompt: ['one', 'two'] }, /one prompt per request/],
    [{ prompt: [1734, 318] }, /token-array/],
    [{ prompt: [[1734], [318]] }, /token-array/],
    [{ prompt: [] }, /non-empty/],
    [{ prompt: undefined }, /non-empty/],
    [{ prompt: 'x', suffix: ' end.' }, /suffix/],
    [{ prompt: 'x', echo: true }, /echo/],
    [{ prompt: 'x', logprobs: 2 }, /logprobs/],
    [{ prompt: 'x', best_of: 3, n: 1 }, /best_of/],
  ])('refuses what one chat call cannot express: %j', (patch, message) => {
    const body = { model: 'm', ...patch };
    expect(() => completionsRequestToChat(body)).toThrow(ConversionError);
    expect(() => completionsRequestToChat(body)).toThrow(message);
  });
});

describe('Chat completion → text_completion', () => {
  it('turns every choice message into text with its finish reason, keeping usage (golden)', () => {
    expect(chatResponseToCompletion(chatResponse)).toEqual(responseExpected);
  });

  it('reads the same through the official SDK', async () => {
    const body = JSON.stringify(chatResponseToCompletion(chatResponse));
    const completion = await clientAnswering(body, 'application/json').completions.create({
      model: 'm',
      prompt: 'x',
    });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices.map((c) => [c.text, c.finish_reason])).toEqual([
      ['Scoops of joy, one cone at a time.', 'stop'],
      ['Chill out with flavour that', 'length'],
    ]);
  });

  it('says stop for a tool-call finish and never leaks tool calls into text', () => {
    const out = chatResponseToCompletion({
      id: 'c',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, tool_calls: [] },
          finish_reason: 'tool_calls',
        },
      ],
    });
    expect(out.choices).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }]);
  });

  it('throws ConversionError on an error body or wrong shapes', () => {
    expect(() => chatResponseToCompletion({ error: { message: 'x' } })).toThrow(ConversionError);
    expect(() => chatResponseToCompletion({ id: 'c', choices: [{ message: 'x' }] })).toThrow(ConversionError);
  });
});

describe('Chat stream → text_completion stream', () => {
  it('streams text per choice index, drops role-only chunks, keeps the usage chunk, ends with [DONE] (golden)', () => {
    const out = convertStream(createChatToCompletionStream(), chatSse);
    expect(parsedEvents(out)).toEqual(parsedEvents(parseSse(streamExpected)));
  });

  it('accumulates through the official SDK to the non-stream text', async () => {
    const text = toSseText(convertStream(createChatToCompletionStream(), chatSse));
    const stream = await clientAnswering(text, 'text/event-stream').completions.create({
      model: 'm',
      prompt: 'x',
      stream: true,
    });
    const texts = ['', ''];
    for await (const chunk of stream) for (const c of chunk.choices) texts[c.index] += c.text;
    expect(texts).toEqual(['Scoops of joy, one cone at a time.', 'Chill out with flavour that']);
  });

  it('passes an upstream error chunk through unchanged: both endpoints share the envelope', () => {
    const error = { error: { message: 'overloaded', type: 'server_error', param: null, code: null } };
    const out = createChatToCompletionStream().push({ data: JSON.stringify(error) });
    expect(out.map((e) => JSON.parse(e.data))).toEqual([error]);
  });

  it('throws ConversionError on malformed chunks', () => {
    expect(() => createChatToCompletionStream().push({ data: 'nope' })).toThrow(ConversionError);
    expect(() =>
      createChatToCompletionStream().push({ data: JSON.stringify({ choices: [{ delta: 'x' }] }) }),
    ).toThrow(ConversionError);
  });
});

describe('malformed input never escapes as a TypeError', () => {
  it('throws only ConversionError for wrong request, body and chunk shapes', () => {
    for (const body of mutations(request)) onlyConversionErrors(() => completionsRequestToChat(body));
    for (const body of mutations(chatResponse)) onlyConversionErrors(() => chatResponseToCompletion(body));
    const chunk = {
      id: 'c',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }],
    };
    for (const body of mutations(chunk)) {
      onlyConversionErrors(() => createChatToCompletionStream().push({ data: JSON.stringify(body) }));
    }
  });
});
