import { describe, expect, it } from 'vitest';
import { chatResponseToResponses, responsesResponseToChat } from '../../../../worker/protocols/responses';
import { ConversionError } from '../../../../worker/protocols/types';
import chatResponse from '../../../fixtures/responses/response-chat.json';
import chatExpected from '../../../fixtures/responses/response-chat.responses.json';
import responsesExpected from '../../../fixtures/responses/response-responses.chat.json';
import responsesResponse from '../../../fixtures/responses/response-responses.json';

function chatCompletion(message: object, finish: string, extra: object = {}): Record<string, unknown> {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [
      { index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: finish },
    ],
    ...extra,
  };
}

describe('Chat completion → Responses object', () => {
  it('emits reasoning, message and parallel function_call items with usage (golden)', () => {
    expect(chatResponseToResponses(chatResponse)).toEqual(chatExpected);
  });

  it('echoes the client request settings on the response object', () => {
    const request = {
      model: 'm',
      instructions: 'Be brief.',
      temperature: 0.3,
      tools: [],
      metadata: { a: '1' },
    };
    const out = chatResponseToResponses(chatCompletion({ content: 'ok' }, 'stop'), request);
    expect(out).toMatchObject({
      instructions: 'Be brief.',
      temperature: 0.3,
      metadata: { a: '1' },
      store: false,
    });
  });

  it('reports a length cut-off as incomplete with max_output_tokens, marking the last item unfinished', () => {
    const out = chatResponseToResponses(chatCompletion({ content: 'Once upon' }, 'length'));
    expect(out.status).toBe('incomplete');
    expect(out.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(out.output).toEqual([expect.objectContaining({ type: 'message', status: 'incomplete' })]);
  });

  it('reports a content filter stop as incomplete with content_filter', () => {
    const out = chatResponseToResponses(chatCompletion({ content: '' }, 'content_filter'));
    expect(out.incomplete_details).toEqual({ reason: 'content_filter' });
  });

  it('turns a refusal into a refusal part and keeps a thinking signature as encrypted_content', () => {
    const out = chatResponseToResponses(
      chatCompletion(
        {
          content: null,
          refusal: 'I cannot help.',
          reasoning_content: 'r',
          thinking_blocks: [{ type: 'thinking', thinking: 'r', signature: 'sig' }],
        },
        'stop',
      ),
    );
    expect(out.output).toEqual([
      {
        id: 'rs_1',
        type: 'reasoning',
        summary: [],
        content: [{ type: 'reasoning_text', text: 'r' }],
        encrypted_content: 'sig',
      },
      {
        id: 'msg_1',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'refusal', refusal: 'I cannot help.' }],
      },
    ]);
  });

  it('gives each thinking block its own reasoning item and marks redacted ones so they can come back', () => {
    const out = chatResponseToResponses(
      chatCompletion(
        {
          content: 'Done.',
          reasoning_content: 'AB',
          thinking_blocks: [
            { type: 'thinking', thinking: 'A', signature: 's1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'thinking', thinking: 'B', signature: 's2' },
          ],
        },
        'stop',
      ),
    );
    const reasoning = (out.output as Array<Record<string, unknown>>).filter((i) => i.type === 'reasoning');
    expect(reasoning.map((i) => [i.id, i.encrypted_content])).toEqual([
      ['rs_1', 's1'],
      ['rs_1_1', 'redacted_thinking:opaque'],
      ['rs_1_2', 's2'],
    ]);
    const back = responsesResponseToChat(out);
    expect(back.choices).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({
          reasoning_content: 'AB',
          thinking_blocks: [
            { type: 'thinking', thinking: 'A', signature: 's1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'thinking', thinking: 'B', signature: 's2' },
          ],
        }),
      }),
    ]);
  });

  it('maps cache-write tokens and url citations across', () => {
    const out = chatResponseToResponses(
      chatCompletion(
        {
          content: 'See example.',
          annotations: [
            {
              type: 'url_citation',
              url_citation: { url: 'https://e.x', title: 'E', start_index: 4, end_index: 11 },
            },
          ],
        },
        'stop',
        {
          usage: {
            prompt_tokens: 10,
            completion_tokens: 2,
            total_tokens: 12,
            prompt_tokens_details: { cached_tokens: 3, cache_write_tokens: 5 },
          },
        },
      ),
    );
    expect(out.usage).toMatchObject({ input_tokens_details: { cached_tokens: 3, cache_write_tokens: 5 } });
    const message = (out.output as Array<{ content: unknown[] }>)[0];
    expect(message?.content[0]).toMatchObject({
      annotations: [{ type: 'url_citation', url: 'https://e.x', title: 'E', start_index: 4, end_index: 11 }],
    });
  });

  it('refuses an error body instead of dressing it up as an answer', () => {
    expect(() => chatResponseToResponses({ error: { message: 'boom' } })).toThrow(ConversionError);
    expect(() => chatResponseToResponses({ id: 'x', choices: [] })).toThrow(ConversionError);
  });
});

describe('Responses object → Chat completion', () => {
  it('joins summaries into reasoning_content, keeps citations, signature, tool calls and usage (golden)', () => {
    expect(responsesResponseToChat(responsesResponse)).toEqual(responsesExpected);
  });

  it('says length for a response cut off at max_output_tokens', () => {
    const out = responsesResponseToChat({
      ...responsesResponse,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
    expect(out.choices).toEqual([expect.objectContaining({ finish_reason: 'length' })]);
  });

  it('says stop and keeps the text when there are no tool calls', () => {
    const out = responsesResponseToChat({
      id: 'resp_1',
      object: 'response',
      created_at: 5,
      model: 'm',
      status: 'completed',
      output: [
        {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 3,
        input_tokens_details: { cached_tokens: 0, cache_write_tokens: 2 },
        output_tokens: 1,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 4,
      },
    });
    expect(out).toMatchObject({
      choices: [{ message: { role: 'assistant', content: 'Hello', refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 2 } },
    });
  });

  it('treats a failed response as an upstream failure', () => {
    const failed = {
      ...responsesResponse,
      status: 'failed',
      error: { code: 'server_error', message: 'boom' },
    };
    expect(() => responsesResponseToChat(failed)).toThrow(/boom/);
  });

  it('throws ConversionError on wrong shapes', () => {
    expect(() => responsesResponseToChat({ id: 'r', output: 'nope' })).toThrow(ConversionError);
    expect(() => responsesResponseToChat({ id: 'r', output: [{ type: 'function_call' }] })).toThrow(
      ConversionError,
    );
  });
});
