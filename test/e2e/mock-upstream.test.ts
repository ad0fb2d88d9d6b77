// The mock upstream, driven by the official SDKs: every shape parses and every fault behaves as documented.
import { Anthropic, APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  InternalServerError,
  OpenAI,
  RateLimitError,
  toFile,
} from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/server.ts';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.clearFaults();
  mock.clearRequests();
});

// Logging off: malformed-body tests would otherwise print the SDK's parse complaints.
const openai = (provider = 'alpha', headers: Record<string, string> = {}) =>
  new OpenAI({
    apiKey: 'sk-provider-key',
    baseURL: mock.providerUrl(provider),
    maxRetries: 0,
    defaultHeaders: headers,
    logLevel: 'off',
  });
const anthropic = (provider = 'claude') =>
  new Anthropic({ apiKey: 'sk-ant-key', baseURL: mock.providerUrl(provider, { v1: false }), maxRetries: 0 });

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const timeTool = {
  type: 'function' as const,
  function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } },
};

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('OpenAI chat completions', () => {
  it('answers with an echo of the last user message and usage', async () => {
    const completion = await openai().chat.completions.create({
      model: 'gpt-test',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'user', content: 'hello there' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: hello there');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams the requested number of chunks and a final usage chunk the SDK accumulates', async () => {
    const client = openai('alpha', { 'x-mock-chunks': '6' });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    const stream = client.chat.completions.stream({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'stream me something long enough' }],
      stream_options: { include_usage: true },
    });
    stream.on('chunk', (chunk) => chunks.push(chunk));
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Echo: stream me something long enough');
    expect(chunks.filter((c) => c.choices[0]?.delta.content)).toHaveLength(6);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streams a tool call as id and name once, then argument fragments', async () => {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    const stream = openai().chat.completions.stream({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'weather in Paris' }],
      tools: [weatherTool, timeTool],
    });
    stream.on('chunk', (chunk) => chunks.push(chunk));
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'weather in Paris',
    });
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas.filter((d) => d.id)).toHaveLength(1);
    expect(deltas[0]?.function).toEqual({ name: 'get_weather', arguments: '' });
    expect(deltas.length).toBeGreaterThan(2);
  });

  it('makes parallel calls when asked, and one call when parallel_tool_calls is false', async () => {
    const messages = [{ role: 'user' as const, content: 'call both tools in parallel' }];
    const parallel = await openai()
      .chat.completions.stream({ model: 'gpt-test', messages, tools: [weatherTool, timeTool] })
      .finalChatCompletion();
    const names = (parallel.choices[0]?.message.tool_calls ?? []).map(
      (c) => c.type === 'function' && c.function.name,
    );
    expect(names).toEqual(['get_weather', 'get_time']);
    const single = await openai().chat.completions.create({
      model: 'gpt-test',
      messages,
      tools: [weatherTool, timeTool],
      parallel_tool_calls: false,
    });
    expect(single.choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it('answers a tool result with text, ending the tool loop', async () => {
    const completion = await openai().chat.completions.create({
      model: 'gpt-test',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny, 21C' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: sunny, 21C');
  });

  it('adds reasoning_content when the request asks for reasoning', async () => {
    const body = { model: 'm', reasoning_effort: 'high', messages: [{ role: 'user', content: 'think' }] };
    const json = await (await post('/p/alpha/v1/chat/completions', body)).json();
    expect(json.choices[0].message.reasoning_content).toBe('Thinking about: think');
    const stream = await (await post('/p/alpha/v1/chat/completions', { ...body, stream: true })).text();
    expect(stream).toContain('"reasoning_content":"');
  });

  it('pads the reply to about the requested size', async () => {
    const completion = await openai('alpha', { 'x-mock-response-bytes': '102400' }).chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'big' }],
    });
    expect(completion.choices[0]?.message.content).toHaveLength(102400);
  });

  it('serves legacy text completions, streamed and not', async () => {
    const completion = await openai().completions.create({ model: 'gpt-instruct', prompt: 'say hi' });
    expect(completion.choices[0]?.text).toBe('Echo: say hi');
    let text = '';
    const stream = await openai().completions.create({
      model: 'gpt-instruct',
      prompt: 'say hi',
      stream: true,
    });
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('Echo: say hi');
  });

  it('lists models in each protocol', async () => {
    const openaiModels = await openai().models.list();
    expect(openaiModels.data.map((m) => m.id)).toContain('mock-model');
    const claudeModels = await anthropic().models.list();
    expect(claudeModels.data[0]?.type).toBe('model');
  });
});

describe('OpenAI Responses', () => {
  it('creates a response with output text and usage', async () => {
    const response = await openai().responses.create({ model: 'gpt-test', input: 'hello responses' });
    expect(response.output_text).toBe('Echo: hello responses');
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams the full event set and the SDK rebuilds the response', async () => {
    const stream = openai().responses.stream({
      model: 'gpt-test',
      input: [{ role: 'user', content: 'stream responses' }],
      reasoning: { effort: 'low', summary: 'auto' },
    });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Echo: stream responses');
    expect(final.output.map((o) => o.type)).toEqual(['reasoning', 'message']);
    for (const type of [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_text.delta',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('streams function calls with argument deltas', async () => {
    const stream = openai().responses.stream({
      model: 'gpt-test',
      input: 'weather in Rome',
      tools: [
        { type: 'function', name: 'get_weather', parameters: weatherTool.function.parameters, strict: true },
      ],
    });
    const final = await stream.finalResponse();
    const call = final.output[0];
    expect(call?.type).toBe('function_call');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: 'weather in Rome' });
  });
});

describe('Anthropic messages', () => {
  it('answers a message with an echo', async () => {
    const message = await anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello claude' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Echo: hello claude' });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('streams thinking with a signature and tool input fragments the SDK accumulates', async () => {
    const stream = anthropic().messages.stream({
      model: 'claude-test',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [
        { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      ],
      messages: [{ role: 'user', content: 'weather in Oslo' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    const [thinking, tool] = message.content;
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
    expect(tool?.type === 'tool_use' && tool.input).toEqual({ city: 'weather in Oslo' });
    expect(message.stop_reason).toBe('tool_use');
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types).toContain('message_delta');
  });

  it('reports cache writes, then cache reads, for a cache_control prefix', async () => {
    const params = {
      model: 'claude-test',
      max_tokens: 100,
      system: [
        {
          type: 'text' as const,
          text: 'long stable system prompt',
          cache_control: { type: 'ephemeral' as const },
        },
      ],
      messages: [{ role: 'user' as const, content: 'cache me' }],
    };
    const first = await anthropic().messages.create(params);
    const second = await anthropic().messages.stream(params).finalMessage();
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it('counts tokens', async () => {
    const count = await anthropic().messages.countTokens({
      model: 'claude-test',
      messages: [{ role: 'user', content: 'count these words please' }],
    });
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it('requires a key and anthropic-version like the real API', async () => {
    const body = { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] };
    const noKey = await post('/p/claude/v1/messages', body, { 'anthropic-version': '2023-06-01' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const noVersion = await post('/p/claude/v1/messages', body, { 'x-api-key': 'k' });
    expect(noVersion.status).toBe(400);
    const legacy = await post('/p/claude/v1/messages', body, {
      'x-api-key': 'k',
      'anthropic-version': '2023-06-01',
    });
    expect(legacy.status).toBe(200);
  });
});

describe('OpenAI media endpoints', () => {
  it('returns embeddings as floats and as base64', async () => {
    const decoded = await openai().embeddings.create({ model: 'emb', input: ['a', 'b'] });
    expect(decoded.data).toHaveLength(2);
    expect(decoded.data[0]?.embedding).toHaveLength(16);
    const floats = await openai().embeddings.create({ model: 'emb', input: 'a', encoding_format: 'float' });
    expect(floats.data[0]?.embedding).toEqual(decoded.data[0]?.embedding);
    const raw = await (
      await post('/p/alpha/v1/embeddings', { model: 'e', input: 'a', encoding_format: 'base64' })
    ).json();
    expect(Buffer.from(raw.data[0].embedding, 'base64')).toHaveLength(16 * 4);
  });

  it('generates images as b64_json or as a fetchable url', async () => {
    const b64 = await openai().images.generate({ model: 'img', prompt: 'a cat' });
    expect(
      Buffer.from(b64.data?.[0]?.b64_json ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const url = await openai().images.generate({
      model: 'dall-e-2',
      prompt: 'a cat',
      response_format: 'url',
      n: 2,
    });
    expect(url.data).toHaveLength(2);
    const png = await fetch(url.data?.[0]?.url ?? '');
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  it('edits images from a multipart upload', async () => {
    const image = await toFile(Buffer.from('fake png'), 'in.png', { type: 'image/png' });
    const edited = await openai().images.edit({ model: 'img', image, prompt: 'add a hat' });
    expect(edited.data?.[0]?.b64_json).toBeTruthy();
    const [recorded] = mock.requests('alpha');
    expect(recorded?.headers['content-type']).toMatch(/^multipart\/form-data/);
  });

  it('returns speech as audio bytes', async () => {
    const speech = await openai().audio.speech.create({ model: 'tts', voice: 'alloy', input: 'hello' });
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await speech.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes[0]).toBe(0xff);
  });

  it('transcribes a multipart upload in json, text and verbose_json', async () => {
    const file = () => toFile(Buffer.alloc(32_000), 'speech.wav', { type: 'audio/wav' });
    const json = await openai().audio.transcriptions.create({ model: 'whisper-1', file: await file() });
    expect(json.text).toBe('Echo: speech.wav (32000 bytes)');
    const text = await openai().audio.transcriptions.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'text',
    });
    expect(text).toBe('Echo: speech.wav (32000 bytes)\n');
    const verbose = await openai().audio.translations.create({
      model: 'whisper-1',
      file: await file(),
      response_format: 'verbose_json',
    });
    expect(verbose).toMatchObject({ duration: 2, segments: [{ id: 0 }] });
  });
});

/** Awaits a rejection and narrows it to the expected error class. */
async function rejection<T>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof type)) throw new Error(`expected ${type.name}, got ${String(outcome)}`);
  return outcome;
}

const say = (client: OpenAI, model: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }] });

async function drain(stream: AsyncIterable<unknown>, onItem: (item: unknown) => void = () => {}) {
  for await (const item of stream) onItem(item);
}

describe('fault injection', () => {
  it('answers the status from the x-mock-fault header with an OpenAI error body', async () => {
    const error = await rejection(
      say(openai('alpha', { 'x-mock-fault': 'status=503' }), 'm'),
      InternalServerError,
    );
    expect(error.error).toMatchObject({ type: 'server_error' });
  });

  it('reads status and Retry-After from the model name', async () => {
    const error = await rejection(say(openai(), 'mock-status-429-retry-after-2'), RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('2');
  });

  it('renders Anthropic errors in the Anthropic shape', async () => {
    const request = anthropic().messages.create({
      model: 'mock-status-529',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
    const error = await rejection(request, AnthropicAPIError);
    expect(error.status).toBe(529);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('resets the connection before any response', async () => {
    await rejection(say(openai(), 'mock-reset'), APIConnectionError);
  });

  it('hangs on timeout until the client gives up', async () => {
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: mock.providerUrl('alpha'),
      maxRetries: 0,
      timeout: 200,
    });
    await rejection(say(client, 'mock-timeout'), APIConnectionTimeoutError);
  });

  it('aborts a stream mid-way after N frames', async () => {
    const stream = await openai('alpha', { 'x-mock-chunks': '10' }).chat.completions.create({
      model: 'mock-abort-after-3',
      stream: true,
      messages: [{ role: 'user', content: 'a long enough prompt to split' }],
    });
    let received = 0;
    await rejection(
      drain(stream, () => received++),
      Error,
    );
    expect(received).toBe(3);
  });

  it('keeps a stalled stream open until close() ends it', async () => {
    const own = await startMockUpstream();
    const res = await fetch(`${own.providerUrl('s')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'mock-stall-after-2',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    });
    const reader = res.body!.getReader();
    let text = '';
    while (text.split('\n\n').length < 3) text += new TextDecoder().decode((await reader.read()).value);
    const next = reader.read().then(
      () => 'ended',
      () => 'ended',
    );
    const early = await Promise.race([next, new Promise((r) => setTimeout(() => r('stalled'), 100))]);
    expect(early).toBe('stalled');
    await own.close();
    expect(await next).toBe('ended');
  });

  it('cuts a non-stream body in half when aborted', async () => {
    const res = await post('/p/alpha/v1/chat/completions', {
      model: 'mock-abort-after-1',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(200);
    await rejection(res.text(), Error);
    await rejection(say(openai(), 'mock-abort-after-1'), Error);
  });

  it('ends a stream waiting in a long chunk gap when the server closes', async () => {
    const own = await startMockUpstream({ chunks: 4 });
    const res = await fetch(`${own.providerUrl('s')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-fault': '{"chunkGapMs":60000}' },
      body: JSON.stringify({
        model: 'm',
        stream: true,
        messages: [{ role: 'user', content: 'slow stream' }],
      }),
    });
    const drained = res.text().then(
      () => 'ended',
      () => 'ended',
    );
    const started = Date.now();
    await own.close();
    expect(await drained).toBe('ended');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sends a malformed JSON body with 200', async () => {
    const res = await post('/p/alpha/v1/chat/completions', {
      model: 'mock-bad-json',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(200);
    await rejection(res.json(), SyntaxError);
    await rejection(say(openai(), 'mock-bad-json'), Error);
  });

  it('sends malformed SSE data after the first frame', async () => {
    const stream = await openai().chat.completions.create({
      model: 'mock-bad-sse',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    await rejection(drain(stream), SyntaxError);
  });

  it('ends streams with an in-band error event in each protocol', async () => {
    const claude = anthropic()
      .messages.stream({
        model: 'mock-error-after-2',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      })
      .finalMessage();
    expect((await rejection(claude, AnthropicAPIError)).error).toMatchObject({
      error: { type: 'overloaded_error' },
    });
    const chat = openai()
      .chat.completions.stream({ model: 'mock-error-after-2', messages: [{ role: 'user', content: 'x' }] })
      .finalChatCompletion();
    await rejection(chat, APIError);
    const responses = openai().responses.stream({ model: 'mock-error-after-4', input: 'x' }).finalResponse();
    await rejection(responses, APIError);
  });

  it('delays the first byte and spaces streamed chunks', async () => {
    const started = Date.now();
    await openai('alpha', { 'x-mock-delay-ms': '150' }).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const streamStart = Date.now();
    await openai('alpha', { 'x-mock-chunks': '5', 'x-mock-chunk-gap-ms': '30' })
      .chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'twenty characters..' }] })
      .finalChatCompletion();
    expect(Date.now() - streamStart).toBeGreaterThanOrEqual(4 * 30 - 10);
  });

  it('consumes queued one-shot faults in order, only on the matching provider', async () => {
    mock.queueFaults({
      provider: 'alpha',
      path: '/chat/completions',
      faults: ['status-500', { status: 502 }, {}],
    });
    const ask = (provider: string) =>
      say(openai(provider), 'm').then(
        () => 200,
        (e: unknown) => (e instanceof APIError ? e.status : -1),
      );
    expect(await ask('beta')).toBe(200);
    expect([await ask('alpha'), await ask('alpha'), await ask('alpha'), await ask('alpha')]).toEqual([
      500, 502, 200, 200,
    ]);
  });

  it('queues faults through the control API too', async () => {
    const queued = await post('/__mock/faults', { provider: 'alpha', faults: ['reset', 'ok'] });
    expect(await queued.json()).toEqual({ queued: 2 });
    await rejection(say(openai(), 'm'), APIConnectionError);
    await fetch(`${mock.url}/__mock/faults`, { method: 'DELETE' });
    const bad = await post('/__mock/faults', { faults: ['status-five-hundred'] });
    expect(bad.status).toBe(400);
  });

  it('reads overrides and faults from a directive in the prompt', async () => {
    const res = await post('/p/alpha/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: '[mock fault=status-502-retry-after-7] hi' }],
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('retry-after')).toBe('7');
    const sized = await openai().chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: '[mock bytes=500] hi' }],
    });
    expect(sized.choices[0]?.message.content).toHaveLength(500);
  });

  it('rejects an unknown fault term instead of ignoring it', async () => {
    const res = await post('/p/alpha/v1/chat/completions', {
      model: 'mock-status-500-sometimes',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(400);
  });
});

describe('routing and recording', () => {
  it('records the raw bytes and headers of each request, per provider', async () => {
    const body = '{ "model" : "m",\n  "messages": [{"role":"user","content":"exact bytes ✓"}] }';
    await post('/p/gamma/v1/chat/completions', body, { authorization: 'Bearer sk-up', cookie: 'session=1' });
    await post('/p/delta/v1/chat/completions', body);
    const recorded = mock.requests('gamma');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ method: 'POST', path: '/p/gamma/v1/chat/completions', body });
    expect(recorded[0]?.headers.authorization).toBe('Bearer sk-up');
    expect(recorded[0]?.headers.cookie).toBe('session=1');
    const viaApi = await (await fetch(`${mock.url}/__mock/requests?provider=delta`)).json();
    expect(viaApi.requests).toHaveLength(1);
    expect(Buffer.from(viaApi.requests[0].bodyBase64, 'base64').toString()).toBe(body);
    await fetch(`${mock.url}/__mock/requests`, { method: 'DELETE' });
    expect(mock.requests()).toHaveLength(0);
  });

  it('keeps only the most recent requests', async () => {
    const own = await startMockUpstream({ maxRecorded: 3 });
    for (let i = 0; i < 5; i++) {
      await fetch(`${own.url}/v1/models`);
    }
    expect(own.requests().map((r) => r.seq)).toEqual([3, 4, 5]);
    await own.close();
  });

  it('accepts base URLs with and without /v1 and answers 404 in-protocol elsewhere', async () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    expect((await post('/p/alpha/chat/completions', body)).status).toBe(200);
    expect((await post('/chat/completions', body)).status).toBe(200);
    expect(mock.requests().map((r) => r.provider)).toEqual(['alpha', 'default']);
    const missing = await post('/p/alpha/v1/nothing-here', body);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
