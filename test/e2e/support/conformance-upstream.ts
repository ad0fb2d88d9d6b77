// What each provider protocol must have received from the gateway: path, model, stream flag, images, reasoning, tool results.
import { expect } from 'vitest';
import { familyOf, upstreamPathEnd } from './conformance-cloud.ts';
import { PNG_BASE64, PNG_DATA_URL } from './conformance-fixtures.ts';
import type { Pair, ProviderProtocol, Received } from './conformance-gateway.ts';

type Json = Record<string, unknown>;

/** Every object nested anywhere in `value` (itself included) for which `match` holds. */
export function findObjects(value: unknown, match: (obj: Json) => boolean): Json[] {
  const found: Json[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const obj = v as Json;
      if (match(obj)) found.push(obj);
      Object.values(obj).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** The last request went to the provider protocol's endpoint, for the target model, streamed or not. */
export async function expectUpstreamCall(pair: Pair, stream: boolean): Promise<Received> {
  const last = await pair.last();
  expect(last.path.endsWith(upstreamPathEnd(pair.provider, pair.target, stream))).toBe(true);
  if (
    familyOf(pair.provider) !== 'openai' &&
    pair.provider !== 'openai_responses' &&
    pair.provider !== 'anthropic'
  ) {
    // Gemini, Bedrock and Vertex name the model (and the streaming method) in the URL, never in the body.
    expect(last.body.model).toBeUndefined();
    return last;
  }
  expect(last.body.model).toBe(pair.target);
  expect(last.body.stream === true).toBe(stream);
  return last;
}

/** The PNG arrived intact, as the provider protocol spells an inline image. */
export function expectImageUpstream(dialect: ProviderProtocol, body: Json): void {
  const provider = familyOf(dialect);
  const images = findObjects(body, (o) => {
    if (provider === 'bedrock_converse') {
      const image = o.image as Json | undefined;
      return image?.format === 'png' && (image.source as Json | undefined)?.bytes === PNG_BASE64;
    }
    if (provider === 'anthropic') {
      const source = o.source as Json | undefined;
      return o.type === 'image' && source?.type === 'base64' && source.data === PNG_BASE64;
    }
    if (provider === 'openai_responses') return o.type === 'input_image' && o.image_url === PNG_DATA_URL;
    if (provider === 'gemini') {
      const inline = o.inlineData as Json | undefined;
      return inline?.mimeType === 'image/png' && inline.data === PNG_BASE64;
    }
    return o.type === 'image_url' && (o.image_url as Json | undefined)?.url === PNG_DATA_URL;
  });
  expect(images).toHaveLength(1);
}

/** Reasoning was switched on in the provider protocol's own vocabulary. */
export function expectReasoningUpstream(dialect: ProviderProtocol, body: Json): void {
  const provider = familyOf(dialect);
  if (provider === 'bedrock_converse') {
    expect((body.additionalModelRequestFields as Json | undefined)?.thinking).toMatchObject({
      type: 'enabled',
    });
  } else if (provider === 'anthropic') {
    expect((body.thinking as Json | undefined)?.type).toMatch(/^(enabled|adaptive)$/);
  } else if (provider === 'openai_responses') {
    expect((body.reasoning as Json | undefined)?.effort).toEqual(expect.any(String));
  } else if (provider === 'gemini') {
    expect((body.generationConfig as Json | undefined)?.thinkingConfig).toMatchObject({
      includeThoughts: true,
    });
  } else {
    expect(body.reasoning_effort).toEqual(expect.any(String));
  }
}

/** The tool result for `callId` reached the provider, paired with the call it answers. */
export function expectToolResultUpstream(dialect: ProviderProtocol, body: Json, callId: string): void {
  const provider = familyOf(dialect);
  if (provider === 'bedrock_converse') {
    expect(findObjects(body, (o) => (o.toolResult as Json | undefined)?.toolUseId === callId)).toHaveLength(
      1,
    );
    expect(findObjects(body, (o) => (o.toolUse as Json | undefined)?.toolUseId === callId)).toHaveLength(1);
    return;
  }
  if (provider === 'gemini') {
    // Gemini pairs a functionResponse with its functionCall by name and order; the id stays with the gateway.
    expect(callId).toMatch(/\S/);
    expect(findObjects(body, (o) => o.functionResponse !== undefined)).toHaveLength(1);
    expect(findObjects(body, (o) => o.functionCall !== undefined)).toHaveLength(1);
    return;
  }
  const results = findObjects(body, (o) => {
    if (provider === 'anthropic') return o.type === 'tool_result' && o.tool_use_id === callId;
    if (provider === 'openai_responses') return o.type === 'function_call_output' && o.call_id === callId;
    return o.role === 'tool' && o.tool_call_id === callId;
  });
  expect(results).toHaveLength(1);
  const calls = findObjects(body, (o) => {
    if (provider === 'anthropic') return o.type === 'tool_use' && o.id === callId;
    if (provider === 'openai_responses') return o.type === 'function_call' && o.call_id === callId;
    return o.type === 'function' && o.id === callId;
  });
  expect(calls).toHaveLength(1);
}
