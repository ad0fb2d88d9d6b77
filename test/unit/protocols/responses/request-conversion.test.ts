import { describe, expect, it } from 'vitest';
import { chatRequestToResponses, responsesRequestToChat } from '../../../../worker/protocols/responses';
import { ConversionError } from '../../../../worker/protocols/types';
import chatRequest from '../../../fixtures/responses/request-chat.json';
import chatExpected from '../../../fixtures/responses/request-chat.responses.json';
import responsesExpected from '../../../fixtures/responses/request-responses.chat.json';
import responsesRequest from '../../../fixtures/responses/request-responses.json';

describe('Responses request → Chat request', () => {
  it('converts a full multi-turn request with reasoning, tools, files and JSON schema (golden)', () => {
    expect(responsesRequestToChat(responsesRequest)).toEqual(responsesExpected);
  });

  it('turns string input and instructions into a system and a user message', () => {
    const out = responsesRequestToChat({ model: 'm', instructions: 'Be brief.', input: 'Hi' });
    expect(out.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('asks the chat provider for usage when streaming, so response.completed can carry it', () => {
    const out = responsesRequestToChat({ model: 'm', input: 'Hi', stream: true });
    expect(out.stream_options).toEqual({ include_usage: true });
  });

  it('maps json_object format, string and named tool choices (a freeform tool is a function on Chat)', () => {
    const out = responsesRequestToChat({
      model: 'm',
      input: 'Hi',
      text: { format: { type: 'json_object' } },
      tools: [{ type: 'custom', name: 'shell' }],
      tool_choice: { type: 'custom', name: 'shell' },
    });
    expect(out.response_format).toEqual({ type: 'json_object' });
    expect(out.tool_choice).toEqual({ type: 'function', function: { name: 'shell' } });
    expect(responsesRequestToChat({ model: 'm', input: 'x', tool_choice: 'required' }).tool_choice).toBe(
      'required',
    );
  });

  it('maps top_logprobs to chat logprobs', () => {
    const out = responsesRequestToChat({ model: 'm', input: 'x', top_logprobs: 3 });
    expect(out).toMatchObject({ logprobs: true, top_logprobs: 3 });
  });

  it('gives a lone reasoning item an empty assistant text, which Chat requires', () => {
    const out = responsesRequestToChat({
      model: 'm',
      input: [
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'hmm' }] },
        { role: 'user', content: 'go on' },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'assistant', content: '', reasoning_content: 'hmm' },
      { role: 'user', content: 'go on' },
    ]);
  });

  it.each([
    [{ previous_response_id: 'resp_1' }, /previous_response_id/],
    [{ conversation: 'conv_1' }, /conversation/],
    [{ background: true }, /background/],
    [{ tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] }, /file_search/],
    [{ tools: [{ type: 'code_interpreter', container: { type: 'auto' } }] }, /code_interpreter/],
    [{ input: [{ type: 'item_reference', id: 'msg_1' }] }, /item_reference/],
    [
      { input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1', detail: 'auto' }] }] },
      /file_id/,
    ],
    [
      { input: [{ role: 'user', content: [{ type: 'input_file', file_url: 'https://x/y.pdf' }] }] },
      /file_url/,
    ],
  ])('refuses what a chat provider cannot honour: %j', (patch, message) => {
    const body = { model: 'm', input: 'Hi', ...patch };
    expect(() => responsesRequestToChat(body)).toThrow(ConversionError);
    expect(() => responsesRequestToChat(body)).toThrow(message);
  });

  it('throws ConversionError, not TypeError, on wrong shapes', () => {
    expect(() => responsesRequestToChat({ model: 'm', input: 42 })).toThrow(ConversionError);
    expect(() => responsesRequestToChat({ model: 'm', input: [null] })).toThrow(ConversionError);
    expect(() => responsesRequestToChat({ model: 'm', input: 'x', tools: [{ type: 'function' }] })).toThrow(
      ConversionError,
    );
  });
});

describe('Chat request → Responses request', () => {
  it('converts a full request with parallel and custom tool calls, files and logprobs (golden)', () => {
    expect(chatRequestToResponses(chatRequest)).toEqual(chatExpected);
  });

  it('keeps non-stored semantics and marks chat functions non-strict', () => {
    const out = chatRequestToResponses({
      model: 'm',
      messages: [{ role: 'user', content: 'Hi' }],
      functions: [{ name: 'f', parameters: { type: 'object' } }],
      function_call: { name: 'f' },
    });
    expect(out.store).toBe(false);
    expect(out.tools).toEqual([
      { type: 'function', name: 'f', parameters: { type: 'object' }, strict: false },
    ]);
    expect(out.tool_choice).toEqual({ type: 'function', name: 'f' });
  });

  it('maps max_tokens when max_completion_tokens is absent', () => {
    const out = chatRequestToResponses({ model: 'm', messages: [], max_tokens: 5 });
    expect(out.max_output_tokens).toBe(5);
  });

  it.each([
    [{ n: 2 }, /n > 1/],
    [{ modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } }, /audio/],
    [{ messages: [{ role: 'function', name: 'f', content: 'x' }] }, /function/],
    [
      {
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }] },
        ],
      },
      /input_audio/,
    ],
  ])('refuses what a Responses provider cannot express: %j', (patch, message) => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'Hi' }], ...patch };
    expect(() => chatRequestToResponses(body)).toThrow(ConversionError);
    expect(() => chatRequestToResponses(body)).toThrow(message);
  });

  it('throws ConversionError on wrong shapes', () => {
    expect(() => chatRequestToResponses({ model: 'm', messages: 'hi' })).toThrow(ConversionError);
    expect(() => chatRequestToResponses({ model: 'm', messages: [{ role: 'tool', content: 'x' }] })).toThrow(
      ConversionError,
    );
  });
});
