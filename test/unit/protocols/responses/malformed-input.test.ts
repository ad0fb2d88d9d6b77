import { describe, it } from 'vitest';
import {
  chatRequestToResponses,
  chatResponseToResponses,
  createChatToResponsesStream,
  createResponsesToChatStream,
  responsesRequestToChat,
  responsesResponseToChat,
} from '../../../../worker/protocols/responses';
import type { JsonObject, StreamConverter } from '../../../../worker/protocols/types';
import chatRequest from '../../../fixtures/responses/request-chat.json';
import responsesRequest from '../../../fixtures/responses/request-responses.json';
import chatResponse from '../../../fixtures/responses/response-chat.json';
import responsesResponse from '../../../fixtures/responses/response-responses.json';
import { mutations, onlyConversionErrors } from './helpers';

function streamOnce(make: () => StreamConverter, payload: unknown): void {
  const converter = make();
  converter.push({ data: JSON.stringify(payload) });
  converter.end();
}

describe('malformed input never escapes as a TypeError', () => {
  it.each([
    ['responsesRequestToChat', responsesRequestToChat, responsesRequest],
    ['chatRequestToResponses', chatRequestToResponses, chatRequest],
    ['chatResponseToResponses', chatResponseToResponses, chatResponse],
    ['responsesResponseToChat', responsesResponseToChat, responsesResponse],
  ] as const)('%s throws only ConversionError for wrong shapes', (_name, convert, fixture) => {
    for (const body of mutations(fixture as JsonObject)) onlyConversionErrors(() => convert(body));
  });

  it('the chat → Responses stream throws only ConversionError for wrong chunk shapes', () => {
    const chunk = {
      id: 'c',
      created: 1,
      model: 'm',
      choices: [
        { index: 0, delta: { content: 'x', tool_calls: [{ index: 0, id: 'a', function: { name: 'f' } }] } },
      ],
    };
    for (const body of mutations(chunk))
      onlyConversionErrors(() => streamOnce(createChatToResponsesStream, body));
    const delta = chunk.choices[0]?.delta as JsonObject;
    for (const d of mutations({
      ...delta,
      reasoning_content: 'r',
      refusal: 'n',
      annotations: [],
      thinking_blocks: [],
    })) {
      onlyConversionErrors(() =>
        streamOnce(createChatToResponsesStream, { ...chunk, choices: [{ index: 0, delta: d }] }),
      );
    }
  });

  it('the Responses → chat stream throws only ConversionError for wrong event shapes', () => {
    const events: JsonObject[] = [
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'function_call', call_id: 'c', name: 'f' },
      },
      { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'x', logprobs: [] },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { type: 'reasoning', summary: [], encrypted_content: 'e' },
      },
      { type: 'response.completed', response: { status: 'completed', usage: { input_tokens: 1 } } },
      { type: 'response.failed', response: { error: { message: 'm' } } },
    ];
    const created = { type: 'response.created', response: { id: 'r', created_at: 1, model: 'm' } };
    for (const event of events) {
      for (const body of mutations(event)) {
        onlyConversionErrors(() => {
          const converter = createResponsesToChatStream({ includeUsage: true });
          converter.push({ data: JSON.stringify(created) });
          converter.push({ data: JSON.stringify(body) });
        });
      }
    }
    for (const body of mutations(created)) {
      onlyConversionErrors(() =>
        createResponsesToChatStream({ includeUsage: true }).push({ data: JSON.stringify(body) }),
      );
    }
  });
});
