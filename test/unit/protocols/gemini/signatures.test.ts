// Tests how Gemini thought signatures ride through Chat and back, and that foreign ones never reach Gemini or Anthropic.
import { describe, expect, it } from 'vitest';
import { chatRequestToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-request';
import { chatRequestToGemini } from '../../../../worker/protocols/gemini/chat-to-gemini-request';
import { geminiResponseToChat } from '../../../../worker/protocols/gemini/gemini-to-chat-response';
import {
  bundleSignatures,
  unbundleSignatures,
  unsignedToolCallIds,
} from '../../../../worker/protocols/gemini/signatures';
import type { JsonObject } from '../../../../worker/protocols/types';

const signedAnswer = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'R0VNSU5J' },
        ],
      },
      finishReason: 'STOP',
    },
  ],
};

function followUp(assistant: JsonObject): JsonObject {
  const call = (assistant.tool_calls as JsonObject[])[0] as JsonObject;
  return {
    messages: [
      { role: 'user', content: 'Weather?' },
      assistant,
      { role: 'tool', tool_call_id: call.id, content: 'sunny' },
    ],
  };
}

describe('thought signatures through Chat', () => {
  it('bundles and unbundles a turn of signatures by tool-call id', () => {
    const bundle = bundleSignatures(
      new Map([
        ['call_1', 'c2ln'],
        ['call_2', 'b3RoZXI='],
      ]),
    );
    expect(bundle).toMatch(/^gemini:v1:[A-Za-z0-9_-]+$/);
    expect([...unbundleSignatures(bundle)]).toEqual([
      ['call_1', 'c2ln'],
      ['call_2', 'b3RoZXI='],
    ]);
  });

  it('reads a mangled bundle as no signatures instead of failing the request', () => {
    expect(unbundleSignatures('gemini:v1:%%%not-base64').size).toBe(0);
    expect(unbundleSignatures('some-anthropic-signature').size).toBe(0);
  });

  it('sends the signature of a converted answer back on its function call', () => {
    const message = (geminiResponseToChat(signedAnswer).choices as JsonObject[])[0]?.message as JsonObject;
    const out = chatRequestToGemini(followUp(message));
    const modelTurn = (out.contents as JsonObject[])[1] as JsonObject;
    expect(modelTurn.parts).toEqual([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'R0VNSU5J' },
    ]);
  });

  it("accepts Google's own OpenAI-compatible extra_content carrier", () => {
    const assistant = {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_x',
          type: 'function',
          function: { name: 'f', arguments: '{}' },
          extra_content: { google: { thought_signature: 'ZXh0cmE=' } },
        },
      ],
    };
    const modelTurn = (chatRequestToGemini(followUp(assistant)).contents as JsonObject[])[1] as JsonObject;
    expect((modelTurn.parts as JsonObject[])[0]?.thoughtSignature).toBe('ZXh0cmE=');
    expect(unsignedToolCallIds(followUp(assistant))).toEqual([]);
  });

  it('lists the tool calls without a signature, so only those are looked up in gateway state', () => {
    const assistant = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_lost', type: 'function', function: { name: 'f', arguments: '{}' } }],
    };
    expect(unsignedToolCallIds(followUp(assistant))).toEqual(['call_lost']);
  });

  it('never sends a Gemini bundle to Anthropic as a thinking signature', () => {
    const message = (geminiResponseToChat(signedAnswer).choices as JsonObject[])[0]?.message as JsonObject;
    const out = chatRequestToMessages(followUp(message));
    expect(JSON.stringify(out)).not.toContain('gemini:v1:');
  });

  it("marks a turn of calls Gemini never made with Google's sentinel, on its first call only", () => {
    const assistant = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'Read', arguments: '{"path":"a"}' } },
        { id: 'toolu_2', type: 'function', function: { name: 'Read', arguments: '{"path":"b"}' } },
      ],
    };
    const modelTurn = (chatRequestToGemini(followUp(assistant)).contents as JsonObject[])[1] as JsonObject;
    const parts = modelTurn.parts as JsonObject[];
    expect(parts[0]?.thoughtSignature).toBe('skip_thought_signature_validator');
    expect(parts[1]?.thoughtSignature).toBeUndefined();
    // A recalled or in-band signature is never replaced by the sentinel.
    const recalled = chatRequestToGemini(followUp(assistant), {
      recalled: new Map([['toolu_1', 'UkVBTA==']]),
    });
    expect(
      (((recalled.contents as JsonObject[])[1] as JsonObject).parts as JsonObject[])[0]?.thoughtSignature,
    ).toBe('UkVBTA==');
  });
});
