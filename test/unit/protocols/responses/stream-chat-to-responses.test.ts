import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import { chatResponseToResponses, createChatToResponsesStream } from '../../../../worker/protocols/responses';
import { ConversionError } from '../../../../worker/protocols/types';
import requestResponses from '../../../fixtures/responses/request-responses.json';
import chatResponse from '../../../fixtures/responses/response-chat.json';
import chatExpected from '../../../fixtures/responses/stream-chat.responses.sse?raw';
import chatSse from '../../../fixtures/responses/stream-chat.sse?raw';
import chatLengthExpected from '../../../fixtures/responses/stream-chat-length.responses.sse?raw';
import chatLengthSse from '../../../fixtures/responses/stream-chat-length.sse?raw';
import { clientAnswering, convertStream, parsedEvents, payloads, toSseText } from './helpers';

const base = { id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'm' };
function chunk(delta: object, finish: string | null = null, extra: object = {}): string {
  return `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
}

/** Streams the chunks and sends the body through the official SDK; both must accumulate alike. */
async function expectStreamMatchesBody(
  sse: string,
  body: Record<string, unknown>,
  request?: Record<string, unknown>,
) {
  const streamed = toSseText(convertStream(createChatToResponsesStream({ request }), sse));
  const viaStream = await clientAnswering(streamed, 'text/event-stream')
    .responses.stream({ model: 'gpt-5', input: 'x' })
    .finalResponse();
  // `parse` applies the same SDK post-processing to a body that `stream().finalResponse()` applies to events.
  const viaBody = await clientAnswering(
    JSON.stringify(chatResponseToResponses(body, request)),
    'application/json',
  ).responses.parse({ model: 'gpt-5', input: 'x' });
  expect(viaStream).toEqual(viaBody);
  return viaStream;
}

describe('Chat stream → Responses events', () => {
  it('emits the full event set for reasoning, text and parallel tool calls (golden)', () => {
    const out = convertStream(createChatToResponsesStream(), chatSse);
    expect(parsedEvents(out)).toEqual(parsedEvents(parseSse(chatExpected)));
  });

  it('ends a length cut-off with response.incomplete (golden)', () => {
    const out = convertStream(createChatToResponsesStream(), chatLengthSse);
    expect(parsedEvents(out)).toEqual(parsedEvents(parseSse(chatLengthExpected)));
  });

  it('numbers every event in order and names each SSE event after its type', () => {
    const out = convertStream(createChatToResponsesStream(), chatSse);
    out.forEach((e, i) => {
      const data = JSON.parse(e.data) as { type: string; sequence_number: number };
      expect(data.sequence_number).toBe(i);
      expect(e.event).toBe(data.type);
    });
  });

  it('accumulates, with the official SDK, to the same response as the non-stream conversion', async () => {
    const final = await expectStreamMatchesBody(chatSse, chatResponse, requestResponses);
    expect(final.output_text).toBe('Let me check both.');
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(22);
  });

  it('turns each streamed thinking block into its own signed reasoning item, as the body conversion does', async () => {
    const sse = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'First ' }),
      chunk({ reasoning_content: 'thought.' }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: 'First thought.', signature: 'sig-a' }] }),
      chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: 'enc-b' }] }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: 'Unstreamed.', signature: 'sig-c' }] }),
      chunk({ content: 'Answer.' }),
      chunk({}, 'stop', { usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 } }),
    ].join('');
    const body = {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Answer.',
            reasoning_content: 'First thought.Unstreamed.',
            thinking_blocks: [
              { type: 'thinking', thinking: 'First thought.', signature: 'sig-a' },
              { type: 'redacted_thinking', data: 'enc-b' },
              { type: 'thinking', thinking: 'Unstreamed.', signature: 'sig-c' },
            ],
          },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 },
    };
    const final = await expectStreamMatchesBody(sse, body);
    expect(final.output.map((i) => (i.type === 'reasoning' ? i.encrypted_content : i.type))).toEqual([
      'sig-a',
      'redacted_thinking:enc-b',
      'sig-c',
      'message',
    ]);
  });

  it('carries logprobs and url citations the same way streamed or not', async () => {
    const logprob = {
      token: 'Hi',
      logprob: -0.1,
      bytes: [72, 105],
      top_logprobs: [{ token: 'Hi', logprob: -0.1, bytes: null }],
    };
    const citation = {
      type: 'url_citation',
      url_citation: { url: 'https://e.x', title: 'E', start_index: 0, end_index: 2 },
    };
    const sse = [
      chunk({ role: 'assistant', content: '' }),
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: 'Hi' }, logprobs: { content: [logprob], refusal: null }, finish_reason: null }] })}\n\n`,
      chunk({ annotations: [citation] }),
      chunk({}, 'stop'),
    ].join('');
    const body = {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi', annotations: [citation] },
          logprobs: { content: [logprob], refusal: null },
          finish_reason: 'stop',
        },
      ],
    };
    const final = await expectStreamMatchesBody(sse, body);
    expect(final.output[0]).toMatchObject({
      content: [
        {
          logprobs: [{ token: 'Hi', top_logprobs: [{ bytes: [72, 105] }] }],
          annotations: [{ url: 'https://e.x' }],
        },
      ],
    });
  });

  it('keeps output indices right when a provider interleaves parallel tool-call fragments', async () => {
    const sse = [
      chunk({ role: 'assistant', content: null }),
      chunk({
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' } }],
      }),
      chunk({
        tool_calls: [
          { index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{"y"' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: ':2}' } }] }),
      chunk({}, 'tool_calls'),
    ].join('');
    const text = toSseText(convertStream(createChatToResponsesStream(), sse));
    const final = await clientAnswering(text, 'text/event-stream')
      .responses.stream({ model: 'm', input: 'x' })
      .finalResponse();
    expect(final.output).toEqual([
      expect.objectContaining({ type: 'function_call', call_id: 'call_a', name: 'a', arguments: '{"x":1}' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_b', name: 'b', arguments: '{"y":2}' }),
    ]);
  });

  it('streams refusals, custom tool input and signed thinking in a form the SDK accepts', async () => {
    const sse = [
      chunk({ reasoning_content: 'think' }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: 'think', signature: 'sig-1' }] }),
      chunk({ refusal: 'No.' }),
      chunk({
        tool_calls: [
          { index: 0, id: 'call_c', type: 'custom', custom: { name: 'patch', input: '*** Begin' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, custom: { input: ' Patch' } }] }),
      chunk({}, 'tool_calls'),
    ].join('');
    const text = toSseText(convertStream(createChatToResponsesStream(), sse));
    const final = await clientAnswering(text, 'text/event-stream')
      .responses.stream({ model: 'm', input: 'x' })
      .finalResponse();
    expect(final.output).toEqual([
      expect.objectContaining({
        type: 'reasoning',
        encrypted_content: 'sig-1',
        content: [{ type: 'reasoning_text', text: 'think' }],
      }),
      expect.objectContaining({
        type: 'message',
        content: [expect.objectContaining({ type: 'refusal', refusal: 'No.' })],
      }),
      expect.objectContaining({ type: 'custom_tool_call', call_id: 'call_c', input: '*** Begin Patch' }),
    ]);
  });

  it('turns an upstream error chunk into response.failed then an error event the SDK throws', async () => {
    const sse = `${chunk({ content: 'Hel' })}data: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error', code: 'server_error' } })}\n\n`;
    const converter = createChatToResponsesStream();
    const out = convertStream(converter, sse);
    const types = payloads(out).map((p) => p.type);
    expect(types.slice(-2)).toEqual(['response.failed', 'error']);
    expect(payloads(out).at(-2)).toMatchObject({
      response: { status: 'failed', error: { message: 'overloaded' } },
    });
    const stream = clientAnswering(toSseText(out), 'text/event-stream').responses.stream({
      model: 'm',
      input: 'x',
    });
    await expect(stream.finalResponse()).rejects.toThrow(/overloaded/);
  });

  it('lets the proxy fail the stream mid-way with the response it started', () => {
    const converter = createChatToResponsesStream();
    converter.push({
      data: JSON.stringify({
        ...base,
        choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
      }),
    });
    const out = payloads(converter.fail('upstream timed out', 'timeout'));
    expect(out.map((p) => p.type)).toEqual(['response.failed', 'error']);
    expect(out[0]).toMatchObject({
      response: { id: 'resp_x', status: 'failed', output: [{ type: 'message', status: 'incomplete' }] },
    });
    expect(out[1]).toMatchObject({ code: 'timeout', message: 'upstream timed out', sequence_number: 6 });
    expect(converter.end()).toEqual([]);
  });

  it('throws ConversionError on malformed data and on a stream with no chunks', () => {
    expect(() => createChatToResponsesStream().push({ data: '{not json' })).toThrow(ConversionError);
    expect(() => createChatToResponsesStream().push({ data: '[1,2]' })).toThrow(ConversionError);
    expect(() =>
      createChatToResponsesStream().push({ data: JSON.stringify({ ...base, choices: 'x' }) }),
    ).toThrow(ConversionError);
    expect(() => createChatToResponsesStream().end()).toThrow(ConversionError);
  });
});
