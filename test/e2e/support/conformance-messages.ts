// Conformance cells for an Anthropic Messages client (the official Anthropic SDK) against any provider.
import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  Message,
  MessageCreateParamsNonStreaming,
  MessageStreamEvent,
  Tool,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import { expect } from 'vitest';
import { familyOf } from './conformance-cloud.ts';
import { caught, expectAnthropicError, NOT_JSON } from './conformance-errors.ts';
import {
  argumentsFor,
  decodeBase64,
  echoOf,
  longSystemPrompt,
  midStreamErrorMessage,
  mockSignaturePattern,
  type NeutralTool,
  PARALLEL_PROMPT,
  PNG_BASE64,
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
type MessagesParams = Omit<MessageCreateParamsNonStreaming, 'stream'>;

const tool = (t: NeutralTool): Tool => ({ name: t.name, description: t.description, input_schema: t.schema });

const ask = (pair: Pair, prompt: string): MessagesParams => ({
  model: pair.model,
  max_tokens: 256,
  system: SYSTEM_PROMPT,
  messages: [{ role: 'user', content: prompt }],
});

const streamed = (
  pair: Pair,
  params: MessagesParams,
  events: MessageStreamEvent[] = [],
  options?: Options,
) => {
  const stream = pair.anthropic().messages.stream(params, options);
  stream.on('streamEvent', (event) => events.push(event));
  return stream.finalMessage();
};

const toolUses = (message: Message): ToolUseBlock[] =>
  message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');

const textOf = (message: Message): string =>
  message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

function expectToolUses(message: Message, tools: NeutralTool[], prompt: string): void {
  const uses = toolUses(message);
  expect(uses.map((u) => [u.name, u.input])).toEqual(tools.map((t) => [t.name, argumentsFor(t, prompt)]));
  expect(new Set(uses.map((u) => u.id)).size).toBe(tools.length);
  for (const use of uses) expect(use.id).toMatch(/\S/);
  expect(message.stop_reason).toBe('tool_use');
}

/** Each tool_use block opens once with its id and name and an empty input, as the real API streams it. */
function expectToolUseStarts(events: MessageStreamEvent[], count: number): void {
  const starts = events.flatMap((e) =>
    e.type === 'content_block_start' && e.content_block.type === 'tool_use' ? [e.content_block] : [],
  );
  expect(starts).toHaveLength(count);
  for (const start of starts) expect(start).toMatchObject({ id: expect.any(String), input: {} });
}

function expectThinking(pair: Pair, message: Message, prompt: string): void {
  const thinking = message.content.find((b) => b.type === 'thinking');
  expect(message.content[0]?.type).toBe('thinking');
  expect(thinking?.thinking).toBe(`Thinking about: ${prompt.slice(0, 40)}`);
  const pattern = mockSignaturePattern(pair.provider);
  if (pattern === undefined) expect(thinking?.signature).toBe('');
  else expect(decodeBase64(thinking?.signature ?? '')).toMatch(pattern);
}

const comparable = (m: Message) =>
  withoutRequestIds({
    type: m.type,
    role: m.role,
    content: m.content,
    stop_reason: m.stop_reason,
    stop_sequence: m.stop_sequence,
    usage: m.usage,
  });

export const messagesCells: CellDrivers = {
  async text(pair) {
    const prompt = 'Say hello to the conformance suite';
    const msg = await pair.anthropic().messages.create(ask(pair, prompt));
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    expect(textOf(msg)).toBe(echoOf(prompt));
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
    const upstream = await expectUpstreamCall(pair, false);
    expect(JSON.stringify(upstream.body)).toContain(SYSTEM_PROMPT);
  },

  async stream(pair) {
    const prompt = 'Stream hello to the conformance suite';
    const events: MessageStreamEvent[] = [];
    const final = await streamed(pair, ask(pair, prompt), events);
    expect(textOf(final)).toBe(echoOf(prompt));
    expect(final.stop_reason).toBe('end_turn');
    expect(events.filter((e) => e.type === 'content_block_delta').length).toBeGreaterThan(1);
    expect(events.at(-1)?.type).toBe('message_stop');
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    await expectUpstreamCall(pair, true);
  },

  async tools(pair) {
    const client = pair.anthropic();
    const params = { ...ask(pair, TOOL_PROMPT), tools: [tool(WEATHER_TOOL)] };
    const first = await client.messages.create(params);
    expectToolUses(first, [WEATHER_TOOL], TOOL_PROMPT);
    const use = toolUses(first)[0]!;
    const result: ContentBlockParam = { type: 'tool_result', tool_use_id: use.id, content: TOOL_RESULT };
    const second = await client.messages.create({
      ...params,
      messages: [
        ...params.messages,
        { role: 'assistant', content: [{ type: 'tool_use', id: use.id, name: use.name, input: use.input }] },
        { role: 'user', content: [result] },
      ],
    });
    expect(textOf(second)).toBe(echoOf(TOOL_RESULT));
    expect(second.stop_reason).toBe('end_turn');
    expectToolResultUpstream(pair.provider, (await pair.last()).body, use.id);
  },

  async 'streamed tools'(pair) {
    const events: MessageStreamEvent[] = [];
    const params = { ...ask(pair, PARALLEL_PROMPT), tools: [tool(WEATHER_TOOL), tool(TIME_TOOL)] };
    const final = await streamed(pair, params, events);
    expectToolUses(final, [WEATHER_TOOL, TIME_TOOL], PARALLEL_PROMPT);
    expectToolUseStarts(events, 2);
    await expectUpstreamCall(pair, true);
  },

  async images(pair) {
    const prompt = 'Describe this image';
    const msg = await pair.anthropic().messages.create({
      ...ask(pair, prompt),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: prompt },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
          ],
        },
      ],
    });
    expect(textOf(msg)).toBe(echoOf(prompt));
    expectImageUpstream(pair.provider, (await pair.last()).body);
  },

  async reasoning(pair) {
    const prompt = 'Think about the conformance suite';
    const params: MessagesParams = {
      ...ask(pair, prompt),
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    };
    const msg = await pair.anthropic().messages.create(params);
    expect(textOf(msg)).toBe(echoOf(prompt));
    expectThinking(pair, msg, prompt);
    expectReasoningUpstream(pair.provider, (await pair.last()).body);
    expectThinking(pair, await streamed(pair, params), prompt);
  },

  async 'usage incl. cache'(pair) {
    const params: MessagesParams = {
      ...ask(pair, 'Cache check'),
      system: [{ type: 'text', text: longSystemPrompt(pair.model), cache_control: { type: 'ephemeral' } }],
    };
    const client = pair.anthropic();
    const first = (await client.messages.create(params)).usage;
    const second = (await client.messages.create(params)).usage;
    const third = (await streamed(pair, params)).usage;
    const total = (u: Message['usage']) =>
      u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
    // The cache_control marker reaches every provider (as OpenAI's explicit prompt_cache_breakpoint on
    // Chat and Responses), so each reports the write first and reads afterwards. Gemini caches on its
    // own and reports only what it read.
    if (familyOf(pair.provider) === 'gemini') expect(first.cache_creation_input_tokens ?? 0).toBe(0);
    else expect(first.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.cache_read_input_tokens ?? 0).toBe(0);
    expect(second.cache_read_input_tokens).toBeGreaterThan(0);
    expect(third.cache_read_input_tokens).toBe(second.cache_read_input_tokens);
    expect(total(second)).toBe(total(first));
    expect(total(third)).toBe(total(first));
  },

  async error(pair) {
    const client = pair.anthropic();
    const params = ask(pair, 'Fail please');
    const limited = await caught(client.messages.create(params, fault('status-429')));
    const e = expectAnthropicError(
      limited,
      Anthropic.RateLimitError,
      upstreamErrorMessage(pair.provider, 429),
      429,
    );
    expect(e.type).toBe('rate_limit_error');
    const failed = await caught(client.messages.stream(params, fault('status-500')).finalMessage());
    expectAnthropicError(
      failed,
      Anthropic.InternalServerError,
      upstreamErrorMessage(pair.provider, 500),
      500,
    );
    const broken = await caught(streamed(pair, params, [], fault('error-after-3')));
    expectAnthropicError(broken, Anthropic.APIError, midStreamErrorMessage(pair.provider));
  },

  async 'stream ≡ non-stream'(pair) {
    const text = ask(pair, 'Same answer either way');
    const tools = { ...ask(pair, PARALLEL_PROMPT), tools: [tool(WEATHER_TOOL), tool(TIME_TOOL)] };
    const reasoning: MessagesParams = {
      ...ask(pair, 'Same thoughts either way'),
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    };
    for (const params of [text, tools, reasoning]) {
      const whole = await pair.anthropic().messages.create(params);
      const accumulated = await streamed(pair, params);
      expect(comparable(accumulated)).toEqual(comparable(whole));
    }
  },

  async 'malformed JSON'(pair) {
    const err = await caught(pair.anthropic().messages.create(ask(pair, 'Bad JSON'), fault('bad-json')));
    expectAnthropicError(err, Anthropic.InternalServerError, NOT_JSON, 502);
  },

  async 'malformed SSE'(pair) {
    const stream = pair.anthropic().messages.stream(ask(pair, 'Bad SSE'), fault('bad-sse-after-2'));
    expectAnthropicError(await caught(stream.finalMessage()), Anthropic.APIError, NOT_JSON);
  },
};
