// Conformance cells for a Gemini client (the official Google GenAI SDK's models.generateContent) against any provider.
import {
  ApiError,
  type Content,
  type GenerateContentConfig,
  type GenerateContentResponse,
} from '@google/genai';
import { expect } from 'vitest';
import { caught } from './conformance-errors.ts';
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
import type { Pair } from './conformance-gateway.ts';
import type { CellDrivers } from './conformance-matrix.ts';
import {
  expectImageUpstream,
  expectReasoningUpstream,
  expectToolResultUpstream,
  expectUpstreamCall,
} from './conformance-upstream.ts';

interface Ask {
  contents: Content[];
  config: GenerateContentConfig;
}

const declaration = (t: NeutralTool) => ({
  name: t.name,
  description: t.description,
  parametersJsonSchema: t.schema,
});
const user = (text: string): Content => ({ role: 'user', parts: [{ text }] });
const ask = (prompt: string, config: GenerateContentConfig = {}): Ask => ({
  contents: [user(prompt)],
  config: { systemInstruction: SYSTEM_PROMPT, ...config },
});
const withFault = (a: Ask, spec: string): Ask => ({
  ...a,
  config: { ...a.config, httpOptions: { headers: { 'x-mock-fault': spec } } },
});

const create = (pair: Pair, a: Ask) => pair.gemini().models.generateContent({ model: pair.model, ...a });

/** The chunks of a streamed answer, accumulated the way a Gemini client does: parts appended in order. */
async function streamed(
  pair: Pair,
  a: Ask,
): Promise<{ chunks: GenerateContentResponse[]; parts: Record<string, unknown>[] }> {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of await pair.gemini().models.generateContentStream({ model: pair.model, ...a }))
    chunks.push(chunk);
  const parts = chunks.flatMap((c) => (c.candidates?.[0]?.content?.parts ?? []) as Record<string, unknown>[]);
  return { chunks, parts };
}

const textOf = (parts: Record<string, unknown>[]) =>
  parts
    .filter((p) => !p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
const thoughtOf = (parts: Record<string, unknown>[]) =>
  parts
    .filter((p) => p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
const callsOf = (parts: Record<string, unknown>[]) =>
  parts.flatMap((p) =>
    p.functionCall ? [p.functionCall as { name: string; args: unknown; id?: string }] : [],
  );

function expectCalls(calls: { name?: string; args?: unknown }[], tools: NeutralTool[], prompt: string): void {
  expect(calls.map((c) => [c.name, c.args])).toEqual(tools.map((t) => [t.name, argumentsFor(t, prompt)]));
}

/** What must match between the streamed and the whole answer, ids and signatures normalised. */
function comparable(parts: Record<string, unknown>[], finish: unknown) {
  return withoutRequestIds({ text: textOf(parts), thought: thoughtOf(parts), calls: callsOf(parts), finish });
}

function expectApiError(err: unknown, status: number | undefined, text: string | RegExp): void {
  expect(err).toBeInstanceOf(ApiError);
  const e = err as ApiError;
  if (status !== undefined) expect(e.status).toBe(status);
  expect(e.message).toMatch(text);
}

const reasoningConfig: GenerateContentConfig = {
  thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 },
};
const toolConfig = (tools: NeutralTool[]): GenerateContentConfig => ({
  tools: [{ functionDeclarations: tools.map(declaration) }],
});

export const geminiCells: CellDrivers = {
  async text(pair) {
    const res = await create(pair, ask('Hello'));
    expect(res.text).toBe(echoOf('Hello'));
    expect(res.candidates?.[0]?.finishReason).toBe('STOP');
    expect(res.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    await expectUpstreamCall(pair, false);
  },

  async stream(pair) {
    const { chunks, parts } = await streamed(pair, ask('Stream hello'));
    expect(textOf(parts)).toBe(echoOf('Stream hello'));
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    await expectUpstreamCall(pair, true);
  },

  async tools(pair) {
    const config = toolConfig([WEATHER_TOOL]);
    const first = await create(pair, ask(TOOL_PROMPT, config));
    const call = first.functionCalls?.[0];
    expectCalls(first.functionCalls ?? [], [WEATHER_TOOL], TOOL_PROMPT);
    const answer: Content = {
      role: 'user',
      parts: [
        { functionResponse: { name: WEATHER_TOOL.name, id: call?.id, response: { result: TOOL_RESULT } } },
      ],
    };
    const modelTurn = first.candidates?.[0]?.content as Content;
    const second = await create(pair, {
      ...ask(TOOL_PROMPT, config),
      contents: [user(TOOL_PROMPT), modelTurn, answer],
    });
    expect(second.text).toBe(echoOf(TOOL_RESULT));
    expectToolResultUpstream(pair.provider, (await pair.last()).body, call?.id ?? WEATHER_TOOL.name);
  },

  async 'streamed tools'(pair) {
    const { chunks, parts } = await streamed(
      pair,
      ask(PARALLEL_PROMPT, toolConfig([WEATHER_TOOL, TIME_TOOL])),
    );
    expectCalls(callsOf(parts), [WEATHER_TOOL, TIME_TOOL], PARALLEL_PROMPT);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  },

  async images(pair) {
    const contents: Content[] = [
      {
        role: 'user',
        parts: [{ text: 'Describe' }, { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } }],
      },
    ];
    const res = await create(pair, { contents, config: {} });
    expect(res.text).toBe(echoOf('Describe'));
    expectImageUpstream(pair.provider, (await pair.last()).body);
  },

  async reasoning(pair) {
    const res = await create(pair, ask('Think first', reasoningConfig));
    const parts = (res.candidates?.[0]?.content?.parts ?? []) as Record<string, unknown>[];
    expect(thoughtOf(parts)).toBe('Thinking about: Think first');
    expect(textOf(parts)).toBe(echoOf('Think first'));
    const pattern = mockSignaturePattern(pair.provider);
    const signed = parts.find((p) => p.thought && p.thoughtSignature);
    if (pattern) expect(decodeBase64(String(signed?.thoughtSignature))).toMatch(pattern);
    expectReasoningUpstream(pair.provider, (await pair.last()).body);
  },

  async 'usage incl. cache'(pair) {
    const a: Ask = {
      contents: [user('Cache check')],
      config: { systemInstruction: longSystemPrompt(pair.model) },
    };
    const first = (await create(pair, a)).usageMetadata;
    const second = (await create(pair, a)).usageMetadata;
    const { chunks } = await streamed(pair, a);
    const third = chunks.at(-1)?.usageMetadata;
    // A Gemini request has no cache markers: what every provider caches on its own is reported as read.
    expect(first?.cachedContentTokenCount ?? 0).toBe(0);
    expect(second?.cachedContentTokenCount).toBeGreaterThan(0);
    expect(third?.cachedContentTokenCount).toBe(second?.cachedContentTokenCount);
    expect(second?.promptTokenCount).toBe(first?.promptTokenCount);
  },

  async error(pair) {
    const limited = await caught(create(pair, withFault(ask('Fail please'), 'status-429')));
    expectApiError(limited, 429, upstreamErrorMessage(pair.provider, 429));
    expect((limited as ApiError).message).toContain('RESOURCE_EXHAUSTED');
    const failed = await caught(streamed(pair, withFault(ask('Fail please'), 'status-500')));
    expectApiError(failed, 500, upstreamErrorMessage(pair.provider, 500));
    const broken = await caught(streamed(pair, withFault(ask('Fail please'), 'error-after-3')));
    expectApiError(broken, undefined, midStreamErrorMessage(pair.provider));
  },

  async 'stream ≡ non-stream'(pair) {
    const cases = [
      ask('Same answer either way'),
      ask(PARALLEL_PROMPT, toolConfig([WEATHER_TOOL, TIME_TOOL])),
      ask('Same thoughts either way', reasoningConfig),
    ];
    for (const a of cases) {
      const whole = await create(pair, a);
      const { chunks, parts } = await streamed(pair, a);
      const wholeParts = (whole.candidates?.[0]?.content?.parts ?? []) as Record<string, unknown>[];
      expect(comparable(parts, chunks.at(-1)?.candidates?.[0]?.finishReason)).toEqual(
        comparable(wholeParts, whole.candidates?.[0]?.finishReason),
      );
    }
  },

  async 'malformed JSON'(pair) {
    const err = await caught(create(pair, withFault(ask('Bad JSON'), 'bad-json')));
    expectApiError(err, 502, /not valid JSON/);
  },

  async 'malformed SSE'(pair) {
    const err = await caught(streamed(pair, withFault(ask('Bad SSE'), 'bad-sse-after-2')));
    expectApiError(err, undefined, /not valid JSON/);
  },
};
