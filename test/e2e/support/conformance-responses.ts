// Conformance cells for a Responses client (the official OpenAI SDK's responses) against any provider.
import OpenAI from 'openai';
import type {
  FunctionTool,
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionToolCall,
  ResponseReasoningItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
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
  unmarked,
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
type ResponsesParams = Omit<ResponseCreateParamsNonStreaming, 'stream'>;

const tool = (t: NeutralTool): FunctionTool => ({
  type: 'function',
  name: t.name,
  description: t.description,
  parameters: t.schema,
  strict: false,
});

const ask = (pair: Pair, prompt: string): ResponsesParams => ({
  model: pair.model,
  instructions: SYSTEM_PROMPT,
  input: prompt,
});

async function streamed(
  pair: Pair,
  params: ResponsesParams,
  events: ResponseStreamEvent[] = [],
  options?: Options,
) {
  const stream = pair.openai().responses.stream(params, options);
  for await (const event of stream) events.push(event);
  return stream.finalResponse();
}

const functionCalls = (res: Response): ResponseFunctionToolCall[] =>
  res.output.filter((item): item is ResponseFunctionToolCall => item.type === 'function_call');

function expectFunctionCalls(res: Response, tools: NeutralTool[], prompt: string): void {
  const calls = functionCalls(res);
  expect(calls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual(
    tools.map((t) => [t.name, argumentsFor(t, prompt)]),
  );
  expect(new Set(calls.map((c) => c.call_id)).size).toBe(tools.length);
  for (const call of calls) expect(call.call_id).toMatch(/\S/);
  expect(res.status).toBe('completed');
}

/** Every function call item opens with its call id and name and empty arguments, then says `.done`. */
function expectCallEvents(events: ResponseStreamEvent[], count: number): void {
  const added = events.flatMap((e) =>
    e.type === 'response.output_item.added' && e.item.type === 'function_call' ? [e.item] : [],
  );
  expect(added).toHaveLength(count);
  for (const item of added) expect(item).toMatchObject({ call_id: expect.any(String), arguments: '' });
  expect(events.filter((e) => e.type === 'response.function_call_arguments.done')).toHaveLength(count);
}

function reasoningText(item: ResponseReasoningItem): string {
  const raw = (item.content ?? []).map((c) => c.text).join('');
  return raw !== '' ? raw : item.summary.map((s) => s.text).join('\n\n');
}

function expectReasoning(pair: Pair, res: Response, prompt: string): void {
  const item = res.output.find((o): o is ResponseReasoningItem => o.type === 'reasoning');
  expect(res.output[0]?.type).toBe('reasoning');
  expect(item && reasoningText(item)).toBe(`Thinking about: ${prompt.slice(0, 40)}`);
  const pattern = mockSignaturePattern(pair.provider);
  if (pattern === undefined) expect(item?.encrypted_content ?? undefined).toBeUndefined();
  else expect(decodeBase64(unmarked(item?.encrypted_content ?? ''))).toMatch(pattern);
  // Converted answers say which link can read their encrypted reasoning; relayed ones are the provider's own.
  if (pattern !== undefined && pair.provider !== 'openai_responses')
    expect(item?.encrypted_content).toMatch(/^lgw:\d+:/);
}

/** The stream helper parses as it goes (`parsed`, `parsed_arguments`: null here); `create` does not. */
const SDK_PARSE_FIELDS = new Set(['parsed', 'parsed_arguments']);
const withoutParsed = (output: Response['output']): unknown =>
  JSON.parse(
    JSON.stringify(output, (key, value: unknown) => (SDK_PARSE_FIELDS.has(key) ? undefined : value)),
  );

const comparable = (r: Response) =>
  withoutRequestIds({
    status: r.status,
    output: withoutParsed(r.output),
    output_text: r.output_text,
    usage: r.usage,
  });

export const responsesCells: CellDrivers = {
  async text(pair) {
    const prompt = 'Say hello to the conformance suite';
    const res = await pair.openai().responses.create(ask(pair, prompt));
    expect(res).toMatchObject({ object: 'response', status: 'completed' });
    expect(res.output_text).toBe(echoOf(prompt));
    expect(res.output.map((o) => o.type)).toEqual(['message']);
    expect(res.usage?.total_tokens).toBe((res.usage?.input_tokens ?? 0) + (res.usage?.output_tokens ?? 0));
    const upstream = await expectUpstreamCall(pair, false);
    expect(JSON.stringify(upstream.body)).toContain(SYSTEM_PROMPT);
  },

  async stream(pair) {
    const prompt = 'Stream hello to the conformance suite';
    const events: ResponseStreamEvent[] = [];
    const final = await streamed(pair, ask(pair, prompt), events);
    expect(final.output_text).toBe(echoOf(prompt));
    expect(final.status).toBe('completed');
    expect(events.filter((e) => e.type === 'response.output_text.delta').length).toBeGreaterThan(1);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['response.created', 'response.completed']),
    );
    expect(final.usage?.output_tokens).toBeGreaterThan(0);
    await expectUpstreamCall(pair, true);
  },

  async tools(pair) {
    const client = pair.openai();
    const params = { ...ask(pair, TOOL_PROMPT), tools: [tool(WEATHER_TOOL)] };
    const first = await client.responses.create(params);
    expectFunctionCalls(first, [WEATHER_TOOL], TOOL_PROMPT);
    const call = functionCalls(first)[0]!;
    const second = await client.responses.create({
      ...params,
      input: [
        { role: 'user', content: TOOL_PROMPT },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT },
      ],
    });
    expect(second.output_text).toBe(echoOf(TOOL_RESULT));
    expectToolResultUpstream(pair.provider, (await pair.last()).body, call.call_id);
  },

  async 'streamed tools'(pair) {
    const events: ResponseStreamEvent[] = [];
    const params = { ...ask(pair, PARALLEL_PROMPT), tools: [tool(WEATHER_TOOL), tool(TIME_TOOL)] };
    const final = await streamed(pair, params, events);
    expectFunctionCalls(final, [WEATHER_TOOL, TIME_TOOL], PARALLEL_PROMPT);
    expectCallEvents(events, 2);
    await expectUpstreamCall(pair, true);
  },

  async images(pair) {
    const prompt = 'Describe this image';
    const res = await pair.openai().responses.create({
      model: pair.model,
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: prompt },
            { type: 'input_image', image_url: PNG_DATA_URL, detail: 'auto' },
          ],
        },
      ],
    });
    expect(res.output_text).toBe(echoOf(prompt));
    expectImageUpstream(pair.provider, (await pair.last()).body);
  },

  async reasoning(pair) {
    const prompt = 'Think about the conformance suite';
    const params: ResponsesParams = {
      ...ask(pair, prompt),
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
    };
    const res = await pair.openai().responses.create(params);
    expect(res.output_text).toBe(echoOf(prompt));
    expectReasoning(pair, res, prompt);
    expectReasoningUpstream(pair.provider, (await pair.last()).body);
    expectReasoning(pair, await streamed(pair, params), prompt);
  },

  async 'usage incl. cache'(pair) {
    const params: ResponsesParams = {
      model: pair.model,
      input: [
        {
          role: 'developer',
          content: [
            {
              type: 'input_text',
              text: longSystemPrompt(pair.model),
              prompt_cache_breakpoint: { mode: 'explicit' },
            },
          ],
        },
        { role: 'user', content: 'Cache check' },
      ],
    };
    const client = pair.openai();
    const first = (await client.responses.create(params)).usage;
    const second = (await client.responses.create(params)).usage;
    const third = (await streamed(pair, params)).usage;
    // Gemini caches a repeated prefix on its own and reports only what it read.
    const written =
      familyOf(pair.provider) === 'gemini'
        ? (second?.input_tokens_details.cached_tokens ?? 0)
        : (first?.input_tokens_details.cache_write_tokens ?? 0);
    expect(written).toBeGreaterThan(0);
    expect(first?.input_tokens_details.cached_tokens).toBe(0);
    expect(second?.input_tokens_details.cached_tokens).toBe(written);
    expect(third?.input_tokens_details.cached_tokens).toBe(written);
    expect(second?.input_tokens).toBe(first?.input_tokens);
    expect(third?.input_tokens).toBe(first?.input_tokens);
  },

  async error(pair) {
    const client = pair.openai();
    const params = ask(pair, 'Fail please');
    const limited = await caught(client.responses.create(params, fault('status-429')));
    expectOpenAiError(limited, OpenAI.RateLimitError, upstreamErrorMessage(pair.provider, 429), 429);
    const failed = await caught(client.responses.stream(params, fault('status-500')).finalResponse());
    expectOpenAiError(failed, OpenAI.InternalServerError, upstreamErrorMessage(pair.provider, 500), 500);
    const broken = await caught(streamed(pair, params, [], fault('error-after-3')));
    expectOpenAiError(broken, OpenAI.APIError, midStreamErrorMessage(pair.provider));
  },

  async 'stream ≡ non-stream'(pair) {
    const text = ask(pair, 'Same answer either way');
    const tools = { ...ask(pair, PARALLEL_PROMPT), tools: [tool(WEATHER_TOOL), tool(TIME_TOOL)] };
    const reasoning: ResponsesParams = {
      ...ask(pair, 'Same thoughts either way'),
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
    };
    for (const params of [text, tools, reasoning]) {
      const whole = await pair.openai().responses.create(params);
      const accumulated = await streamed(pair, params);
      expect(comparable(accumulated)).toEqual(comparable(whole));
    }
  },

  async 'malformed JSON'(pair) {
    const err = await caught(pair.openai().responses.create(ask(pair, 'Bad JSON'), fault('bad-json')));
    expectOpenAiError(err, OpenAI.InternalServerError, NOT_JSON, 502);
  },

  async 'malformed SSE'(pair) {
    const stream = pair.openai().responses.stream(ask(pair, 'Bad SSE'), fault('bad-sse-after-2'));
    expectOpenAiError(await caught(stream.finalResponse()), OpenAI.APIError, NOT_JSON);
  },
};
