// Conformance cells for a legacy Completions client (the official OpenAI SDK's completions) against any provider.
import OpenAI from 'openai';
import type { Completion, CompletionCreateParamsNonStreaming } from 'openai/resources/completions';
import { expect } from 'vitest';
import { familyOf } from './conformance-cloud.ts';
import { caught, expectOpenAiError, NOT_JSON } from './conformance-errors.ts';
import {
  echoOf,
  midStreamErrorMessage,
  upstreamErrorMessage,
  withoutRequestIds,
} from './conformance-fixtures.ts';
import { fault, type Pair } from './conformance-gateway.ts';
import type { CellDrivers } from './conformance-matrix.ts';
import { expectUpstreamCall } from './conformance-upstream.ts';

type CompletionsParams = Omit<CompletionCreateParamsNonStreaming, 'stream'>;

/** The legacy endpoint reaches a Chat provider as itself; converted pairs reach their protocol's endpoint. */
async function expectUpstream(pair: Pair, stream: boolean): Promise<void> {
  if (familyOf(pair.provider) !== 'openai') {
    await expectUpstreamCall(pair, stream);
    return;
  }
  const last = await pair.last();
  expect(last.path.endsWith('/completions') && !last.path.endsWith('/chat/completions')).toBe(true);
  expect(last.body).toMatchObject({ model: pair.target, prompt: expect.any(String) });
}

const ask = (pair: Pair, prompt: string): CompletionsParams => ({
  model: pair.model,
  prompt,
  max_tokens: 64,
});

/** The legacy SDK has no stream helper: the chunks it parsed are joined the way its docs show. */
async function streamed(
  pair: Pair,
  params: CompletionsParams,
  options?: { headers: Record<string, string> },
) {
  const stream = await pair
    .openai()
    .completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, options);
  const chunks: Completion[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const choices = chunks.flatMap((c) => c.choices);
  return {
    chunks,
    text: choices.map((c) => c.text).join(''),
    finish_reason: choices.findLast((c) => c.finish_reason !== null)?.finish_reason,
    usage: chunks.findLast((c) => c.usage)?.usage,
  };
}

export const completionsCells: CellDrivers = {
  async text(pair) {
    const prompt = 'Say hello to the conformance suite';
    const res = await pair.openai().completions.create(ask(pair, prompt));
    expect(res.object).toBe('text_completion');
    expect(res.choices[0]).toMatchObject({ text: echoOf(prompt), finish_reason: 'stop', index: 0 });
    expect(res.usage?.total_tokens).toBe(
      (res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0),
    );
    await expectUpstream(pair, false);
  },

  async stream(pair) {
    const prompt = 'Stream hello to the conformance suite';
    const out = await streamed(pair, ask(pair, prompt));
    expect(out.text).toBe(echoOf(prompt));
    expect(out.finish_reason).toBe('stop');
    expect(out.chunks.filter((c) => c.choices[0]?.text).length).toBeGreaterThan(1);
    for (const chunk of out.chunks) expect(chunk.object).toBe('text_completion');
    expect(out.usage?.completion_tokens).toBeGreaterThan(0);
    await expectUpstream(pair, true);
  },

  async error(pair) {
    const client = pair.openai();
    const limited = await caught(client.completions.create(ask(pair, 'Fail please'), fault('status-429')));
    expectOpenAiError(limited, OpenAI.RateLimitError, upstreamErrorMessage(pair.provider, 429), 429);
    const failed = await caught(streamed(pair, ask(pair, 'Fail please'), fault('status-500')));
    expectOpenAiError(failed, OpenAI.InternalServerError, upstreamErrorMessage(pair.provider, 500), 500);
    const broken = await caught(streamed(pair, ask(pair, 'Fail later'), fault('error-after-3')));
    expectOpenAiError(broken, OpenAI.APIError, midStreamErrorMessage(pair.provider));
  },

  async 'stream ≡ non-stream'(pair) {
    const params = ask(pair, 'Same answer either way');
    const whole = await pair.openai().completions.create(params);
    const accumulated = await streamed(pair, params);
    const choice = whole.choices[0];
    expect(withoutRequestIds({ text: accumulated.text, finish: accumulated.finish_reason })).toEqual(
      withoutRequestIds({ text: choice?.text, finish: choice?.finish_reason }),
    );
    expect(accumulated.usage).toEqual(whole.usage);
  },

  async 'malformed JSON'(pair) {
    const err = await caught(pair.openai().completions.create(ask(pair, 'Bad JSON'), fault('bad-json')));
    expectOpenAiError(err, OpenAI.InternalServerError, NOT_JSON, 502);
  },

  async 'malformed SSE'(pair) {
    const err = await caught(streamed(pair, ask(pair, 'Bad SSE'), fault('bad-sse-after-2')));
    expectOpenAiError(err, OpenAI.APIError, NOT_JSON);
  },
};
