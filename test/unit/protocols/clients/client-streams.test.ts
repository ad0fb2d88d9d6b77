// A Chat upstream's answer to a Codex-shaped request, streamed back to Codex: freeform input deltas, namespaces and tool search restored.
import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import { chatResponseToResponses, createChatToResponsesStream } from '../../../../worker/protocols/responses';
import type { JsonObject } from '../../../../worker/protocols/types';
import request from '../../../fixtures/clients/codex/tool-search-turn3.request.json';
import chatSse from '../../../fixtures/clients/codex/tool-search-turn3.stream.chat.sse?raw';
import expectedSse from '../../../fixtures/clients/codex/tool-search-turn3.stream.responses.sse?raw';
import { clientAnswering, convertStream, parsedEvents, payloads, toSseText } from '../responses/helpers';

const RESPONSE_ID = 'resp_0123456789abcdef0123456789abcdef';
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+héllo 😀\n*** End Patch\n';

function streamed() {
  return convertStream(createChatToResponsesStream({ request, responseId: RESPONSE_ID }), chatSse);
}

/** The same answer as one Chat completion body. */
const chatBody = {
  id: 'chatcmpl-codex1',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1',
  choices: [
    {
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: null,
        reasoning_content: 'Patch the file, then check the calendar.',
        tool_calls: [
          {
            id: 'call_patch_2',
            type: 'function',
            function: { name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) },
          },
          {
            id: 'call_cal_2',
            type: 'function',
            function: { name: 'mcp__calendar__list_events', arguments: '{"day":"2026-01-02"}' },
          },
          {
            id: 'call_search_2',
            type: 'function',
            function: { name: 'tool_search', arguments: '{"query":"mail"}' },
          },
        ],
      },
    },
  ],
  usage: {
    prompt_tokens: 9000,
    completion_tokens: 120,
    total_tokens: 9120,
    prompt_tokens_details: { cached_tokens: 8000 },
    completion_tokens_details: { reasoning_tokens: 20 },
  },
};

describe('Chat stream → Codex (Responses) stream', () => {
  it('matches the golden event stream', () => {
    expect(parsedEvents(streamed())).toEqual(parsedEvents(parseSse(expectedSse)));
  });

  it('streams the freeform input as decoded text deltas, escapes and surrogate pairs whole', () => {
    const events = payloads(streamed());
    const deltas = events
      .filter((e) => e.type === 'response.custom_tool_call_input.delta')
      .map((e) => e.delta);
    expect(deltas.join('')).toBe(PATCH);
    expect(deltas.every((d) => typeof d === 'string' && !/[\ud800-\udbff]$/.test(d))).toBe(true);
    const done = events.find((e) => e.type === 'response.custom_tool_call_input.done') as JsonObject;
    expect(done.input).toBe(PATCH);
  });

  it('gives calls back their namespace, kind and the client-run tool search item', () => {
    const completed = payloads(streamed()).find((e) => e.type === 'response.completed') as JsonObject;
    const output = (completed.response as JsonObject).output as JsonObject[];
    expect(output.map((i) => i.type)).toEqual([
      'reasoning',
      'custom_tool_call',
      'function_call',
      'tool_search_call',
    ]);
    expect(output[1]).toMatchObject({ name: 'apply_patch', call_id: 'call_patch_2', input: PATCH });
    expect(output[2]).toMatchObject({ name: 'list_events', namespace: 'mcp__calendar' });
    expect(output[3]).toMatchObject({
      execution: 'client',
      call_id: 'call_search_2',
      arguments: { query: 'mail' },
    });
  });

  it('shows Chat reasoning as a summary, since Codex asked for one', () => {
    const completed = payloads(streamed()).find((e) => e.type === 'response.completed') as JsonObject;
    const [reasoning] = (completed.response as JsonObject).output as JsonObject[];
    expect(reasoning).toEqual({
      id: 'rs_0123456789abcdef0123456789abcdef',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Patch the file, then check the calendar.' }],
    });
  });

  it('accumulates in the official SDK to what the non-stream conversion answers', async () => {
    const viaStream = await clientAnswering(toSseText(streamed()), 'text/event-stream')
      .responses.stream({ model: 'gpt-5.5', input: 'x' })
      .finalResponse();
    const body = chatResponseToResponses(chatBody, request, { responseId: RESPONSE_ID });
    const viaBody = await clientAnswering(JSON.stringify(body), 'application/json').responses.parse({
      model: 'gpt-5.5',
      input: 'x',
    });
    expect(viaStream).toEqual(viaBody);
  });
});
