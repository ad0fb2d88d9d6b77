// Conformance cells for a Chat Completions client (the official OpenAI SDK's chat.completions) against any provider.
import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageFunctionToolCall,
} from 'openai/resources/chat/completions';
import { expect } from 'vitest';
import { familyOf } from './conformance-cloud.ts';
import { caught, expectOpenAiError, NOT_JSON } from './conformance-errors.ts';
import {
  argumentsFor,
  decodeBase64,
  echoOf,
  longSystemPrompt,
  midStreamErrorMessage,
  mockSignaturePattern,
  type NeutralTool,
  PARALLEL_PROMPT,
  PNG_DATA_URL,
  SYSTEM_PROMPT,
  TIME_TOOL,
  TOOL_PROMPT,
  TOOL_RESULT,
  upstreamErrorMessage,
  WEATHER_TOOL,
  withoutRequestIds,
} from './conformance-fixtures.ts';
import { fault, type Pair } from './conformance-gateway.ts';
import type { CellDrivers } from './conformance-matrix.ts';
import {
  expectImageUpstream,
  expectReasoningUpstream,
  expectToolResultUpstream,
  expectUpstreamCall,
} from './conformance-upstream.ts';

type Options = ReturnType<typeof fault>;

/** One request body for both `create` and `stream`. */
type ChatParams = Omit<ChatCompletionCreateParamsNonStreaming, 'stream'>;

/** Reasoning rides on Chat messages and deltas as fields the OpenAI SDK does not type. */
interface ReasoningFields {
  reasoning_content?: string;
  thinking_blocks?: { type: string; thinking?: string; signature?: string }[];
}

const tool = (t: NeutralTool): ChatCompletionFunctionTool => ({
  type: 'function',
  function: { name: t.name, description: t.description, parameters: t.schema },
});

const ask = (pair: Pair, prompt: string): ChatParams => ({
  model: pair.model,
  messages: [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: prompt },
  ],
});

const streamed = (pair: Pair, params: ChatParams, chunks: ChatCompletionChunk[] = [], options?: Options) => {
  const stream = pair
    .openai()
    .chat.completions.stream({ ...params, stream_options: { include_usage: true } }, options);
  stream.on('chunk', (chunk) => chunks.push(chunk));
  return stream.finalChatCompletion();
};

function functionCalls(completion: ChatCompletion): ChatCompletionMessageFunctionToolCall[] {
  const calls = completion.choices[0]?.message.tool_calls ?? [];
  return calls.filter((c): c is ChatCompletionMessageFunctionToolCall => c.type === 'function');
}

function expectCalls(completion: ChatCompletion, tools: NeutralTool[], prompt: string): void {
  const calls = functionCalls(completion);
  expect(calls.map((c) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual(
    tools.map((t) => [t.name, argumentsFor(t, prompt)]),
  );
  expect(new Set(calls.map((c) => c.id)).size).toBe(tools.length);
  for (const call of calls) expect(call.id).toMatch(/\S/);
  expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
}

/** SPEC §7: each streamed tool call carries its id and name once, opening with `""` arguments. */
function expectToolCallsAnnouncedOnce(chunks: ChatCompletionChunk[], count: number): void {
  const openings = chunks
    .flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
    .filter((call) => call.id !== undefined);
  expect(openings.map((call) => call.index)).toEqual([...Array(count).keys()]);
  for (const call of openings) {
    expect(call.function?.name).toMatch(/\S/);
    expect(call.function?.arguments).toBe('');
  }
}

function reasoningOf(completion: ChatCompletion): ReasoningFields {
  return completion.choices[0]?.message as ReasoningFields;
}

function streamedReasoning(chunks: ChatCompletionChunk[]): ReasoningFields {
  const deltas = chunks.map((c) => (c.choices[0]?.delta ?? {}) as ReasoningFields);
  const blocks = deltas.flatMap((d) => d.thinking_blocks ?? []);
  return {
    reasoning_content: deltas.map((d) => d.reasoning_content ?? '').join(''),
    thinking_blocks: blocks.length > 0 ? blocks : undefined,
  };
}

function expectReasoning(pair: Pair, fields: ReasoningFields, prompt: string): void {
  expect(fields.reasoning_content).toBe(`Thinking about: ${prompt.slice(0, 40)}`);
  const pattern = mockSignaturePattern(pair.provider);
  if (pattern === undefined) expect(fields.thinking_blocks).toBeUndefined();
  else expect(decodeBase64(fields.thinking_blocks?.[0]?.signature ?? '')).toMatch(pattern);
}

/**
 * What must match between the two ways of asking. The OpenAI SDK does not accumulate fields it does
 * not know (it keeps the last `reasoning_content` fragment), so streamed reasoning is joined from chunks.
 */
const comparable = (c: ChatCompletion, reasoning: ReasoningFields) => {
  const choice = c.choices[0];
  return withoutRequestIds({
    content: choice?.message.content,
    tool_calls: choice?.message.tool_calls,
    finish_reason: choice?.finish_reason,
    usage: c.usage,
    reasoning_content: reasoning.reasoning_content || undefined,
    thinking_blocks: reasoning.thinking_blocks,
  });
};

export const chatCells: CellDrivers = {
  async text(pair) {
    const prompt = 'Say hello to the conformance suite';
    const res = await pair.openai().chat.completions.create(ask(pair, prompt));
    expect(res.object).toBe('chat.completion');
    expect(res.choices[0]?.message).toMatchObject({ role: 'assistant', content: echoOf(prompt) });
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage?.total_tokens).toBe(
      (res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0),
    );
    const upstream = await expectUpstreamCall(pair, false);
    expect(JSON.stringify(upstream.body)).toContain(SYSTEM_PROMPT);
  },

  async stream(pair) {
    const prompt = 'Stream hello to the conformance suite';
    const chunks: ChatCompletionChunk[] = [];
    const final = await streamed(pair, ask(pair, prompt), chunks);
    expect(final.choices[0]?.message.content).toBe(echoOf(prompt));
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
    await expectUpstreamCall(pair, true);
  },

  async tools(pair) {
    const client = pair.openai();
    const params = { ...ask(pair, TOOL_PROMPT), tools: [tool(WEATHER_TOOL)] };
    const first = await client.chat.completions.create(params);
    expectCalls(first, [WEATHER_TOOL], TOOL_PROMPT);
    const call = functionCalls(first)[0]!;
    const second = await client.chat.completions.create({
      ...params,
      messages: [
        ...params.messages,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT },
      ],
    });
    expect(second.choices[0]?.message.content).toBe(echoOf(TOOL_RESULT));
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expectToolResultUpstream(pair.provider, (await pair.last()).body, call.id);
  },

  async 'streamed tools'(pair) {
    const chunks: ChatCompletionChunk[] = [];
    const params = { ...ask(pair, PARALLEL_PROMPT), tools: [tool(WEATHER_TOOL), tool(TIME_TOOL)] };
    const final = await streamed(pair, params, chunks);
    expectCalls(final, [WEATHER_TOOL, TIME_TOOL], PARALLEL_PROMPT);
    expectToolCallsAnnouncedOnce(chunks, 2);
    await expectUpstreamCall(pair, true);
  },

  async images(pair) {
    const prompt = 'Describe this image';
    const res = await pair.openai().chat.completions.create({
      model: pair.model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: prompt },
            { type: 'image_url', image_url: { url: PNG_DATA_URL } },
          ],
        },
      ],
    });
    expect(res.choices[0]?.message.content).toBe(echoOf(prompt));
    expectImageUpstream(pair.provider, (await pair.last()).body);
  },

  async reasoning(pair) {
    const prompt = 'Think about the conformance suite';
    const params = { ...ask(pair, prompt), reasoning_effort: 'low' as const };
    const res = await pair.openai().chat.completions.create(params);
    expect(res.choices[0]?.message.content).toBe(echoOf(prompt));
    expectReasoning(pair, reasoningOf(res), prompt);
    expectReasoningUpstream(pair.provider, (await pair.last()).body);
    const chunks: ChatCompletionChunk[] = [];
    await streamed(pair, params, chunks);
    expectReasoning(pair, streamedReasoning(chunks), prompt);
  },

  async 'usage incl. cache'(pair) {
    const params: ChatParams = {
      model: pair.model,
      messages: [
        {
          role: 'system',
          content: [
            {
              type: 'text',
              text: longSystemPrompt(pair.model),
              prompt_cache_breakpoint: { mode: 'explicit' },
            },
          ],
        },
        { role: 'user', content: 'Cache check' },
      ],
    };
    const client = pair.openai();
    const first = await client.chat.completions.create(params);
    const second = await client.chat.completions.create(params);
    const third = await streamed(pair, params);
    // Gemini caches a repeated prefix on its own and reports only what it read.
    const written =
      familyOf(pair.provider) === 'gemini'
        ? (second.usage?.prompt_tokens_details?.cached_tokens ?? 0)
        : (first.usage?.prompt_tokens_details?.cache_write_tokens ?? 0);
    expect(written).toBeGreaterThan(0);
    expect(first.usage?.prompt_tokens_details?.cached_tokens ?? 0).toBe(0);
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBe(written);
    expect(third.usage?.prompt_tokens_details?.cached_tokens).toBe(written);
    expect(second.usage?.prompt_tokens).toBe(first.usage?.prompt_tokens);
    expect(third.usage?.prompt_tokens).toBe(first.usage?.prompt_tokens);
  },

  async error(pair) {
    const client = pair.openai();
    const params = ask(pair, 'Fail please');
    const limited = await caught(client.chat.completions.create(params, fault('status-429')));
    expectOpenAiError(limited, OpenAI.RateLimitError, upstreamErrorMessage(pair.provider, 429), 429);
    const stream = client.chat.completions.stream(params, fault('status-500'));
    const failed = await caught(stream.finalChatCompletion());
    expectOpenAiError(failed, OpenAI.InternalServerError, upstreamErrorMessage(pair.provider, 500), 500);
    const broken = await caught(streamed(pair, params, [], fault('error-after-3')));
    expectOpenAiError(broken, OpenAI.APIError, midStreamErrorMessage(pair.provider));
  },

  async 'stream ≡ non-stream'(pair) {
    const text = ask(pair, 'Same answer either way');
    const tools = { ...ask(pair, PARALLEL_PROMPT), tools: [tool(WEATHER_TOOL), tool(TIME_TOOL)] };
    const reasoning = { ...ask(pair, 'Same thoughts either way'), reasoning_effort: 'low' as const };
    for (const params of [text, tools, reasoning]) {
      const whole = await pair.openai().chat.completions.create(params);
      const chunks: ChatCompletionChunk[] = [];
      const accumulated = await streamed(pair, params, chunks);
      expect(comparable(accumulated, streamedReasoning(chunks))).toEqual(
        comparable(whole, reasoningOf(whole)),
      );
    }
  },

  async 'malformed JSON'(pair) {
    const err = await caught(pair.openai().chat.completions.create(ask(pair, 'Bad JSON'), fault('bad-json')));
    expectOpenAiError(err, OpenAI.InternalServerError, NOT_JSON, 502);
  },

  async 'malformed SSE'(pair) {
    const stream = pair.openai().chat.completions.stream(ask(pair, 'Bad SSE'), fault('bad-sse-after-2'));
    expectOpenAiError(await caught(stream.finalChatCompletion()), OpenAI.APIError, NOT_JSON);
  },
};
