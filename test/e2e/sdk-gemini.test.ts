// The official Google GenAI SDK against the gateway's /v1beta (to OpenAI, Anthropic and Gemini providers), and the OpenAI and Anthropic SDKs against a Gemini provider.
import { ApiError, type Content, type FunctionDeclaration } from '@google/genai';
import OpenAI from 'openai';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import {
  echoOf,
  SYSTEM_PROMPT,
  TOOL_PROMPT,
  TOOL_RESULT,
  WEATHER_TOOL,
} from './support/conformance-fixtures.ts';
import { openPair, type Pair, type ProviderProtocol } from './support/conformance-gateway.ts';
import { adminCall, gatewayUrl } from './support/gateway.ts';

const weatherDeclaration: FunctionDeclaration = {
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  parametersJsonSchema: WEATHER_TOOL.schema,
};
const weatherForChat: ChatCompletionFunctionTool = {
  type: 'function',
  function: {
    name: WEATHER_TOOL.name,
    description: WEATHER_TOOL.description,
    parameters: WEATHER_TOOL.schema,
  },
};
const weatherForMessages = {
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  input_schema: WEATHER_TOOL.schema,
};
const weatherArgs = { city: TOOL_PROMPT };

/** The upstream path each provider protocol is reached on for a chat-like call. */
function chatPath(pair: Pair, stream = false): RegExp {
  if (pair.provider === 'anthropic') return /\/v1\/messages$/;
  if (pair.provider === 'gemini') {
    return new RegExp(`/models/${pair.target}:${stream ? 'streamGenerateContent' : 'generateContent'}$`);
  }
  return /\/v1\/chat\/completions$/;
}

/** The provider's own key went upstream in its protocol's header, never the client's gateway key. */
async function expectProviderAuth(pair: Pair): Promise<void> {
  const sent = await pair.last();
  const header =
    { anthropic: 'x-api-key', gemini: 'x-goog-api-key' }[pair.provider as string] ?? 'authorization';
  expect(String(sent.headers[header])).toMatch(/sk-e2e-upstream-/);
  expect(JSON.stringify(sent.headers)).not.toContain(pair.key);
}

async function waitForLog(model: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 60; i++) {
    const page = await adminCall('GET', `/logs?requested_model=${encodeURIComponent(model)}`);
    const items = page.items as Record<string, unknown>[];
    if (items.length > 0) return items[0] as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no log row for ${model}`);
}

describe.each(['openai', 'anthropic', 'gemini'] as const)(
  'the Google GenAI SDK to an %s provider',
  (provider: ProviderProtocol) => {
    const prompt = 'Hello from the Google GenAI SDK';

    it('generates content, with usage, and the request is logged and counted', async () => {
      const pair = await openPair('chat', provider);
      const res = await pair.gemini().models.generateContent({
        model: pair.model,
        contents: prompt,
        config: { systemInstruction: SYSTEM_PROMPT },
      });
      expect(res.text).toBe(echoOf(prompt));
      expect(res.candidates?.[0]?.finishReason).toBe('STOP');
      expect(res.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
      expect(res.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
      const sent = await pair.last();
      expect(sent.path).toMatch(chatPath(pair));
      expect(JSON.stringify(sent.body)).toContain(SYSTEM_PROMPT);
      await expectProviderAuth(pair);
      const log = await waitForLog(pair.model);
      expect(log).toMatchObject({ response_status: 200, target_model: pair.target, is_stream: false });
      expect(log.input_tokens).toBeGreaterThan(0);
      expect(log.output_tokens).toBeGreaterThan(0);
    });

    it('streams: the chunks add up to the answer and the last one finishes with usage', async () => {
      const pair = await openPair('chat', provider);
      const stream = await pair
        .gemini()
        .models.generateContentStream({ model: pair.model, contents: prompt });
      let text = '';
      let last: Awaited<ReturnType<typeof stream.next>>['value'];
      for await (const chunk of stream) {
        text += chunk.text ?? '';
        last = chunk;
      }
      expect(text).toBe(echoOf(prompt));
      expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
      expect(last?.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
      expect((await pair.last()).path).toMatch(chatPath(pair, true));
    });

    it('counts tokens (remotely on a Gemini provider, with the tokenizer otherwise)', async () => {
      const pair = await openPair('chat', provider);
      const before = (await pair.received()).length;
      const res = await pair.gemini().models.countTokens({ model: pair.model, contents: prompt });
      expect(res.totalTokens).toBeGreaterThan(0);
      const calls = (await pair.received()).slice(before);
      if (provider === 'gemini')
        expect(calls.map((c) => c.path)).toEqual([expect.stringMatching(/:countTokens$/)]);
      else expect(calls).toEqual([]);
    });

    it('runs a function-calling round trip', async () => {
      const pair = await openPair('chat', provider);
      const ai = pair.gemini();
      const user: Content = { role: 'user', parts: [{ text: TOOL_PROMPT }] };
      const config = { tools: [{ functionDeclarations: [weatherDeclaration] }] };
      const first = await ai.models.generateContent({ model: pair.model, contents: [user], config });
      const call = first.functionCalls?.[0];
      expect(call).toMatchObject({ name: WEATHER_TOOL.name, args: weatherArgs });
      const modelTurn = first.candidates?.[0]?.content as Content;
      const answer: Content = {
        role: 'user',
        parts: [
          { functionResponse: { name: WEATHER_TOOL.name, id: call?.id, response: { result: TOOL_RESULT } } },
        ],
      };
      const second = await ai.models.generateContent({
        model: pair.model,
        contents: [user, modelTurn, answer],
        config,
      });
      expect(second.text).toBe(echoOf(TOOL_RESULT));
    });
  },
);

describe.each(['openai', 'gemini'] as const)('Gemini embeddings to an %s provider', (provider) => {
  it('embedContent returns one vector per input, of the asked dimension', async () => {
    const pair = await openPair('chat', provider);
    const res = await pair.gemini().models.embedContent({
      model: pair.model,
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 8 },
    });
    expect(res.embeddings?.map((e) => e.values?.length)).toEqual([8, 8]);
    const sent = await pair.last();
    if (provider === 'gemini')
      expect(sent.path).toMatch(new RegExp(`/models/${pair.target}:batchEmbedContents$`));
    else
      expect(sent.body).toMatchObject({
        model: pair.target,
        input: ['first text', 'second text'],
        dimensions: 8,
      });
  });
});

describe('Gemini errors in Google envelope', () => {
  it('a bad key is a 401 with status UNAUTHENTICATED', async () => {
    const pair = await openPair('chat', 'gemini');
    const url = `${gatewayUrl()}/v1beta/models/${pair.model}:generateContent?key=lgw-wrong`;
    const out = await fetch(url, {
      method: 'POST',
      body: '{"contents":[]}',
      headers: { 'content-type': 'application/json' },
    });
    expect(out.status).toBe(401);
    expect(await out.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('the SDK sees an upstream 400 (a missing signature) as an ApiError with its message', async () => {
    const pair = await openPair('chat', 'gemini');
    const turn: Content = {
      role: 'model',
      parts: [{ functionCall: { name: WEATHER_TOOL.name, args: weatherArgs } }],
    };
    const request = pair.gemini().models.generateContent({
      model: pair.model,
      contents: [
        { role: 'user', parts: [{ text: TOOL_PROMPT }] },
        turn,
        { role: 'user', parts: [{ text: 'go on' }] },
      ],
      config: { tools: [{ functionDeclarations: [weatherDeclaration] }] },
    });
    await expect(request).rejects.toBeInstanceOf(ApiError);
    await expect(request).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('thought_signature'),
    });
  });
});

describe('the OpenAI SDK to a Gemini provider', () => {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: 'Hello Gemini, from the OpenAI SDK' },
  ];

  it('gets a chat completion converted from generateContent', async () => {
    const pair = await openPair('chat', 'gemini');
    const res = await pair.openai().chat.completions.create({ model: pair.model, messages });
    expect(res.choices[0]?.message.content).toBe(echoOf('Hello Gemini, from the OpenAI SDK'));
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
    const sent = await pair.last();
    expect(sent.path).toMatch(chatPath(pair));
    expect(sent.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hello Gemini, from the OpenAI SDK' }] }],
      systemInstruction: { parts: [{ text: SYSTEM_PROMPT }] },
    });
    await expectProviderAuth(pair);
  });

  it('streams, and finalChatCompletion() accumulates the converted chunks', async () => {
    const pair = await openPair('chat', 'gemini');
    const final = await pair
      .openai()
      .chat.completions.stream({ model: pair.model, messages, stream_options: { include_usage: true } })
      .finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(echoOf('Hello Gemini, from the OpenAI SDK'));
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
    expect((await pair.last()).path).toMatch(chatPath(pair, true));
  });

  async function firstToolTurn(client: OpenAI, pair: Pair) {
    const user: ChatCompletionMessageParam = { role: 'user', content: TOOL_PROMPT };
    const res = await client.chat.completions.create({
      model: pair.model,
      messages: [user],
      tools: [weatherForChat],
      reasoning_effort: 'low',
    });
    return {
      user,
      res,
      message: res.choices[0]?.message as OpenAI.ChatCompletionMessage & Record<string, unknown>,
    };
  }

  it('two-turn tool use with thinking: the signature rides in thinking_blocks and the mock accepts it', async () => {
    const pair = await openPair('chat', 'gemini');
    const client = pair.openai();
    const { user, res, message } = await firstToolTurn(client, pair);
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message.reasoning_content).toBe(`Thinking about: ${TOOL_PROMPT}`);
    expect(message.thinking_blocks).toEqual([
      {
        type: 'thinking',
        thinking: `Thinking about: ${TOOL_PROMPT}`,
        signature: expect.stringMatching(/^gemini:v1:/),
      },
    ]);
    const call = message.tool_calls?.[0];
    expect(call?.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual([
      WEATHER_TOOL.name,
      weatherArgs,
    ]);
    const second = await client.chat.completions.create({
      model: pair.model,
      messages: [
        user,
        message as ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call?.id ?? '', content: TOOL_RESULT },
      ],
      tools: [weatherForChat],
      reasoning_effort: 'low',
    });
    expect(second.choices[0]?.message.content).toBe(echoOf(TOOL_RESULT));
    const sent = await pair.last();
    const modelTurn = (sent.body.contents as { role: string; parts: Record<string, unknown>[] }[])[1];
    expect(modelTurn?.role).toBe('model');
    expect(modelTurn?.parts[0]).toMatchObject({
      functionCall: { name: WEATHER_TOOL.name, args: weatherArgs },
    });
    expect(modelTurn?.parts[0]?.thoughtSignature).toEqual(expect.any(String));
  });

  it('a client that drops thinking_blocks still works: the gateway kept the signature by tool-call id', async () => {
    const pair = await openPair('chat', 'gemini');
    const client = pair.openai();
    const { user, message } = await firstToolTurn(client, pair);
    const bare: ChatCompletionMessageParam = {
      role: 'assistant',
      content: null,
      tool_calls: message.tool_calls,
    };
    const call = message.tool_calls?.[0];
    // The record is written after the first answer ends; give its waitUntil a moment.
    await new Promise((r) => setTimeout(r, 300));
    const second = await client.chat.completions.create({
      model: pair.model,
      messages: [user, bare, { role: 'tool', tool_call_id: call?.id ?? '', content: TOOL_RESULT }],
      tools: [weatherForChat],
    });
    expect(second.choices[0]?.message.content).toBe(echoOf(TOOL_RESULT));
  });

  it('a wrong signature fails at the provider and comes back as a 400 in the OpenAI envelope', async () => {
    const pair = await openPair('chat', 'gemini');
    const forged: ChatCompletionMessageParam = {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_forged_1',
          type: 'function',
          function: { name: WEATHER_TOOL.name, arguments: JSON.stringify(weatherArgs) },
        },
      ],
    };
    Object.assign(forged, {
      thinking_blocks: [
        {
          type: 'thinking',
          thinking: '',
          signature: `gemini:v1:${Buffer.from(JSON.stringify([['call_forged_1', 'bm90LWEtc2lnbmF0dXJl']])).toString('base64url')}`,
        },
      ],
    });
    const request = pair.openai().chat.completions.create({
      model: pair.model,
      messages: [
        { role: 'user', content: TOOL_PROMPT },
        forged,
        { role: 'tool', tool_call_id: 'call_forged_1', content: TOOL_RESULT },
      ],
      tools: [weatherForChat],
    });
    await expect(request).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(request).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Corrupted thought signature'),
    });
  });

  it('a streamed tool call accumulates, and its follow-up turn is accepted', async () => {
    const pair = await openPair('chat', 'gemini');
    const client = pair.openai();
    const user: ChatCompletionMessageParam = { role: 'user', content: TOOL_PROMPT };
    const final = await client.chat.completions
      .stream({ model: pair.model, messages: [user], tools: [weatherForChat], reasoning_effort: 'low' })
      .finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual(weatherArgs);
    await new Promise((r) => setTimeout(r, 300));
    const second = await client.chat.completions.create({
      model: pair.model,
      messages: [
        user,
        message as ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call?.id ?? '', content: TOOL_RESULT },
      ],
      tools: [weatherForChat],
    });
    expect(second.choices[0]?.message.content).toBe(echoOf(TOOL_RESULT));
  });
});

describe('the Anthropic SDK to a Gemini provider', () => {
  it('two-turn tool use with thinking: the thinking block carries the signature back', async () => {
    const pair = await openPair('messages', 'gemini');
    const client = pair.anthropic();
    const user = { role: 'user' as const, content: TOOL_PROMPT };
    const ask = {
      model: pair.model,
      max_tokens: 2048,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      tools: [weatherForMessages],
    };
    const first = await client.messages.create({ ...ask, messages: [user] });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([
      {
        type: 'thinking',
        thinking: `Thinking about: ${TOOL_PROMPT}`,
        signature: expect.stringMatching(/^gemini:v1:/),
      },
      { type: 'tool_use', id: expect.stringMatching(/^call_/), name: WEATHER_TOOL.name, input: weatherArgs },
    ]);
    const toolUse = first.content.find((b) => b.type === 'tool_use');
    const second = await client.messages.create({
      ...ask,
      messages: [
        user,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse?.id ?? '', content: TOOL_RESULT }],
        },
      ],
    });
    expect(second.content).toEqual([
      { type: 'thinking', thinking: `Thinking about: ${TOOL_PROMPT}`, signature: '' },
      { type: 'text', text: echoOf(TOOL_RESULT) },
    ]);
    expect(second.stop_reason).toBe('end_turn');
  });

  it('streams a tool call whose thinking block holds the signature', async () => {
    const pair = await openPair('messages', 'gemini');
    const final = await pair
      .anthropic()
      .messages.stream({
        model: pair.model,
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [weatherForMessages],
        messages: [{ role: 'user', content: TOOL_PROMPT }],
      })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(final.content[0]).toMatchObject({ signature: expect.stringMatching(/^gemini:v1:/) });
  });
});
