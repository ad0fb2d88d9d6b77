import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import { createResponsesToChatStream, responsesResponseToChat } from '../../../../worker/protocols/responses';
import { ConversionError } from '../../../../worker/protocols/types';
import responsesResponse from '../../../fixtures/responses/response-responses.json';
import chatExpected from '../../../fixtures/responses/stream-responses.chat.sse?raw';
import responsesSse from '../../../fixtures/responses/stream-responses.sse?raw';
import { clientAnswering, convertStream, parsedEvents, payloads, toSseText } from './helpers';

const created = {
  type: 'response.created',
  sequence_number: 0,
  response: {
    id: 'resp_1',
    object: 'response',
    created_at: 9,
    model: 'm',
    status: 'in_progress',
    output: [],
  },
};
function sse(...events: object[]): string {
  return [created, ...events].map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
}
const completed = (extra: object = {}) => ({
  type: 'response.completed',
  response: { ...created.response, status: 'completed', ...extra },
});

/** Concatenates what accumulating Chat clients would: the SDK keeps only the last unknown-field fragment. */
function streamedReasoning(chunks: Record<string, unknown>[]): string {
  return chunks
    .map(
      (c) =>
        (c.choices as Array<{ delta: { reasoning_content?: string } }> | undefined)?.[0]?.delta
          .reasoning_content ?? '',
    )
    .join('');
}

describe('Responses events → Chat chunks', () => {
  it('converts reasoning summaries, text, citations and parallel tool calls with usage (golden)', () => {
    const out = convertStream(createResponsesToChatStream({ includeUsage: true }), responsesSse);
    expect(parsedEvents(out)).toEqual(parsedEvents(parseSse(chatExpected)));
  });

  it('accumulates, with the official SDK, to the same completion as the non-stream conversion', async () => {
    const out = convertStream(createResponsesToChatStream({ includeUsage: true }), responsesSse);
    const viaStream = await clientAnswering(toSseText(out), 'text/event-stream')
      .chat.completions.stream({ model: 'm', messages: [] })
      .finalChatCompletion();
    const body = responsesResponseToChat(responsesResponse);
    const viaBody = await clientAnswering(JSON.stringify(body), 'application/json').chat.completions.create({
      model: 'm',
      messages: [],
    });
    // The stream helper adds `parsed: null`; reasoning is compared below (the SDK does not join it).
    const strip = (c: object) => {
      const { choices, ...rest } = c as { choices: Array<{ message: object }> };
      return {
        ...rest,
        choices: choices.map((ch) => ({
          ...ch,
          message: { ...ch.message, parsed: undefined, reasoning_content: undefined },
        })),
      };
    };
    expect(strip(viaStream)).toEqual(strip(viaBody));
    const message = (body.choices as Array<{ message: { reasoning_content: string } }>)[0]?.message;
    expect(streamedReasoning(payloads(out))).toBe(message?.reasoning_content);
  });

  it('announces each tool call once with id, name and "" arguments, then only fragments', () => {
    const out = payloads(convertStream(createResponsesToChatStream({ includeUsage: false }), responsesSse));
    const calls = out.flatMap(
      (c) =>
        (c.choices as Array<{ delta: { tool_calls?: Array<Record<string, unknown>> } }>)[0]?.delta
          .tool_calls ?? [],
    );
    expect(calls.filter((c) => c.id !== undefined)).toEqual([
      { index: 0, id: 'call_Qx1', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 1, id: 'call_Qx2', type: 'function', function: { name: 'get_weather', arguments: '' } },
    ]);
    expect(
      calls.filter((c) => c.id === undefined).every((c) => Object.keys(c).sort().join() === 'function,index'),
    ).toBe(true);
  });

  it('leaves the usage chunk out when the client did not ask for it', () => {
    const out = payloads(convertStream(createResponsesToChatStream({ includeUsage: false }), responsesSse));
    expect(out.some((c) => (c.choices as unknown[]).length === 0)).toBe(false);
    expect(convertStream(createResponsesToChatStream({ includeUsage: false }), responsesSse).at(-1)).toEqual({
      data: '[DONE]',
    });
  });

  it('says length when the response is incomplete at max_output_tokens', () => {
    const text = sse(
      completed({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }),
    );
    const out = payloads(convertStream(createResponsesToChatStream({ includeUsage: false }), text));
    expect(out.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'length' }] });
  });

  it('fills in text and arguments from .done events when a provider skipped the deltas', async () => {
    const item = {
      id: 'fc_1',
      type: 'function_call',
      call_id: 'call_1',
      name: 'f',
      arguments: '',
      status: 'in_progress',
    };
    const text = sse(
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
      },
      {
        type: 'response.output_text.done',
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        text: 'Hello',
      },
      { type: 'response.output_item.added', output_index: 1, item },
      {
        type: 'response.function_call_arguments.done',
        item_id: 'fc_1',
        output_index: 1,
        arguments: '{"a":1}',
      },
      {
        type: 'response.output_item.done',
        output_index: 1,
        item: { ...item, arguments: '{"a":1}', status: 'completed' },
      },
      completed(),
    );
    const out = toSseText(convertStream(createResponsesToChatStream({ includeUsage: false }), text));
    const final = await clientAnswering(out, 'text/event-stream')
      .chat.completions.stream({ model: 'm', messages: [] })
      .finalChatCompletion();
    expect(final.choices[0]?.message).toMatchObject({
      content: 'Hello',
      tool_calls: [{ id: 'call_1', function: { name: 'f', arguments: '{"a":1}' } }],
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('turns response.failed into an error chunk the SDK throws, then [DONE]', async () => {
    const failed = {
      type: 'response.failed',
      response: {
        ...created.response,
        status: 'failed',
        error: { code: 'rate_limit_exceeded', message: 'Slow down' },
      },
    };
    const out = convertStream(createResponsesToChatStream({ includeUsage: true }), sse(failed));
    expect(payloads(out).at(-1)).toEqual({
      error: { message: 'Slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
    expect(out.at(-1)).toEqual({ data: '[DONE]' });
    const stream = clientAnswering(toSseText(out), 'text/event-stream').chat.completions.stream({
      model: 'm',
      messages: [],
    });
    await expect(stream.finalChatCompletion()).rejects.toThrow(/Slow down/);
  });

  it('turns an error event into an error chunk', () => {
    const out = convertStream(
      createResponsesToChatStream({ includeUsage: false }),
      `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'server_error', message: 'Oops', param: null, sequence_number: 3 })}\n\n`,
    );
    expect(payloads(out)).toEqual([
      { error: { message: 'Oops', type: 'server_error', param: null, code: 'server_error' } },
    ]);
  });

  it('throws ConversionError on malformed events and on a stream that ends before completing', () => {
    const convert = (text: string) =>
      convertStream(createResponsesToChatStream({ includeUsage: false }), text);
    expect(() => convert('data: {oops\n\n')).toThrow(ConversionError);
    expect(() =>
      convert(`data: ${JSON.stringify({ type: 'response.output_text.delta', delta: 'x' })}\n\n`),
    ).toThrow(ConversionError);
    expect(() =>
      convert(sse({ type: 'response.function_call_arguments.delta', output_index: 4, delta: 'x' })),
    ).toThrow(ConversionError);
    expect(() => convert(sse({ type: 'response.output_text.delta', output_index: 0, delta: 7 }))).toThrow(
      ConversionError,
    );
    expect(() => convert(sse())).toThrow(/ended before response.completed/);
  });
});
