// The official SDKs through protocol conversion and the media endpoints, asserting on what the SDK returns and the mock received.
import { toFile } from 'openai';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import {
  echoOf,
  PNG_BASE64,
  SYSTEM_PROMPT,
  TOOL_PROMPT,
  WEATHER_TOOL,
} from './support/conformance-fixtures.ts';
import { openPair, type Pair, type Received, receivedForm } from './support/conformance-gateway.ts';

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

/** The provider's own credentials went upstream, never the client's gateway key. */
function expectProviderAuth(pair: Pair, received: Received): void {
  const auth = pair.provider === 'anthropic' ? received.headers['x-api-key'] : received.headers.authorization;
  expect(String(auth)).toMatch(/sk-e2e-upstream-/);
  expect(JSON.stringify(received.headers)).not.toContain(pair.key);
}

describe('the OpenAI SDK to an Anthropic provider', () => {
  const prompt = 'Hello Claude, from the OpenAI SDK';
  const messages = [
    { role: 'system' as const, content: SYSTEM_PROMPT },
    { role: 'user' as const, content: prompt },
  ];

  it('gets a chat completion converted from a Messages response', async () => {
    const pair = await openPair('chat', 'anthropic');
    const res = await pair.openai().chat.completions.create({ model: pair.model, messages });
    expect(res.choices[0]?.message.content).toBe(echoOf(prompt));
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
    const sent = await pair.last();
    expect(sent.path).toMatch(/\/v1\/messages$/);
    expect(sent.body).toMatchObject({ model: pair.target, system: SYSTEM_PROMPT, max_tokens: 4096 });
    expect(sent.body.messages).toEqual([{ role: 'user', content: prompt }]);
    expect(sent.headers['anthropic-version']).toBeDefined();
    expectProviderAuth(pair, sent);
  });

  it('streams, and finalChatCompletion() accumulates the converted chunks', async () => {
    const pair = await openPair('chat', 'anthropic');
    const stream = pair.openai().chat.completions.stream({
      model: pair.model,
      messages,
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: echoOf(prompt),
    });
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
    expect((await pair.last()).body.stream).toBe(true);
  });

  it('calls a tool: id, name and JSON arguments survive the conversion', async () => {
    const pair = await openPair('chat', 'anthropic');
    const res = await pair.openai().chat.completions.create({
      model: pair.model,
      messages: [{ role: 'user', content: TOOL_PROMPT }],
      tools: [weatherForChat],
    });
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.id).toMatch(/^toolu_/);
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual(weatherArgs);
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect((await pair.last()).body.tools).toEqual([weatherForMessages]);
  });

  it('streams a tool call that accumulates to the same id, name and arguments', async () => {
    const pair = await openPair('chat', 'anthropic');
    const final = await pair
      .openai()
      .chat.completions.stream({
        model: pair.model,
        messages: [{ role: 'user', content: TOOL_PROMPT }],
        tools: [weatherForChat],
      })
      .finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^toolu_/);
    expect(call?.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual([
      'get_weather',
      weatherArgs,
    ]);
    expect(final.choices[0]?.message.content).toBeNull();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });
});

describe('the Anthropic SDK to an OpenAI provider', () => {
  const ask = (pair: Pair) => ({
    model: pair.model,
    max_tokens: 300,
    system: SYSTEM_PROMPT,
    messages: [{ role: 'user' as const, content: 'Hello GPT, from the Anthropic SDK' }],
  });

  it('gets a message converted from a chat completion', async () => {
    const pair = await openPair('messages', 'openai');
    const msg = await pair.anthropic().messages.create(ask(pair));
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    expect(msg.content).toEqual([{ type: 'text', text: echoOf('Hello GPT, from the Anthropic SDK') }]);
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    const sent = await pair.last();
    expect(sent.path).toMatch(/\/v1\/chat\/completions$/);
    expect(sent.body).toMatchObject({ model: pair.target, max_completion_tokens: 300 });
    expect(sent.body.messages).toEqual([
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: 'Hello GPT, from the Anthropic SDK' },
    ]);
    expectProviderAuth(pair, sent);
  });

  it('streams, and finalMessage() accumulates the converted events', async () => {
    const pair = await openPair('messages', 'openai');
    const final = await pair.anthropic().messages.stream(ask(pair)).finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: echoOf('Hello GPT, from the Anthropic SDK') }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    expect((await pair.last()).body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('calls a tool: id, name and input survive the conversion', async () => {
    const pair = await openPair('messages', 'openai');
    const msg = await pair.anthropic().messages.create({
      ...ask(pair),
      messages: [{ role: 'user', content: TOOL_PROMPT }],
      tools: [weatherForMessages],
    });
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^call_/), name: 'get_weather', input: weatherArgs },
    ]);
    expect((await pair.last()).body.tools).toEqual([weatherForChat]);
  });

  it('streams a tool call that accumulates to the same id, name and input', async () => {
    const pair = await openPair('messages', 'openai');
    const final = await pair
      .anthropic()
      .messages.stream({
        ...ask(pair),
        messages: [{ role: 'user', content: TOOL_PROMPT }],
        tools: [weatherForMessages],
      })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^call_/), name: 'get_weather', input: weatherArgs },
    ]);
  });
});

describe.each(['openai', 'anthropic'] as const)('client.responses to an %s provider', (provider) => {
  const ask = (pair: Pair) => ({
    model: pair.model,
    instructions: SYSTEM_PROMPT,
    input: 'Hello from Responses',
  });
  const endpoint = provider === 'openai' ? /\/v1\/chat\/completions$/ : /\/v1\/messages$/;

  it('creates a response converted from the provider protocol', async () => {
    const pair = await openPair('responses', provider);
    const res = await pair.openai().responses.create(ask(pair));
    expect(res).toMatchObject({ object: 'response', status: 'completed' });
    expect(res.output_text).toBe(echoOf('Hello from Responses'));
    expect(res.usage?.input_tokens).toBeGreaterThan(0);
    const sent = await pair.last();
    expect(sent.path).toMatch(endpoint);
    expect(sent.body.model).toBe(pair.target);
    expect(JSON.stringify(sent.body)).toContain(SYSTEM_PROMPT);
  });

  it('streams, and finalResponse() accumulates the full event set', async () => {
    const pair = await openPair('responses', provider);
    const stream = pair.openai().responses.stream(ask(pair));
    const types = new Set<string>();
    for await (const event of stream) types.add(event.type);
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(echoOf('Hello from Responses'));
    expect(final.usage?.output_tokens).toBeGreaterThan(0);
    for (const type of ['response.created', 'response.output_item.added', 'response.content_part.added'])
      expect(types).toContain(type);
    for (const type of ['response.output_text.delta', 'response.output_item.done', 'response.completed'])
      expect(types).toContain(type);
    expect((await pair.last()).body.stream).toBe(true);
  });
});

describe('the OpenAI SDK media endpoints to an OpenAI provider', () => {
  it('creates embeddings (the SDK asks for base64 and decodes it)', async () => {
    const pair = await openPair('chat', 'openai');
    const res = await pair.openai().embeddings.create({ model: pair.model, input: ['alpha', 'beta'] });
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    for (const d of res.data) {
      expect(d.embedding).toHaveLength(16);
      expect(Math.hypot(...d.embedding)).toBeCloseTo(1, 4);
    }
    expect((await pair.last()).body).toMatchObject({ model: pair.target, input: ['alpha', 'beta'] });
  });

  it('generates an image from a JSON body', async () => {
    const pair = await openPair('chat', 'openai');
    const res = await pair
      .openai()
      .images.generate({ model: pair.model, prompt: 'A red square', response_format: 'b64_json' });
    expect(res.data?.[0]).toMatchObject({ b64_json: PNG_BASE64, revised_prompt: 'Echo: A red square' });
    expect((await pair.last()).body).toMatchObject({ model: pair.target, prompt: 'A red square' });
  });

  it('edits an image: the multipart body is re-encoded with the target model and the file intact', async () => {
    const pair = await openPair('chat', 'openai');
    const png = Buffer.from(PNG_BASE64, 'base64');
    const image = await toFile(png, 'input.png', { type: 'image/png' });
    const res = await pair.openai().images.edit({ model: pair.model, image, prompt: 'Make it blue' });
    expect(res.data?.[0]?.b64_json).toBe(PNG_BASE64);
    const form = await receivedForm(await pair.last());
    expect(form.get('model')).toBe(pair.target);
    expect(form.get('prompt')).toBe('Make it blue');
    const sent = form.get('image');
    expect(sent).toBeInstanceOf(File);
    const file = sent as File;
    expect(file.name).toBe('input.png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  });

  it('speaks: audio bytes come back untouched', async () => {
    const pair = await openPair('chat', 'openai');
    const input = 'Hello from the speech endpoint';
    const res = await pair
      .openai()
      .audio.speech.create({ model: pair.model, voice: 'alloy', input, response_format: 'wav' });
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.length).toBe(44 + 1024 + input.length * 64);
    expect((await pair.last()).body).toMatchObject({ model: pair.target, input, voice: 'alloy' });
  });

  it('transcribes a multipart upload; the form field stream=false does not make it a stream', async () => {
    const pair = await openPair('chat', 'openai');
    const audio = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(4096, 7)]);
    const file = await toFile(audio, 'speech.mp3', { type: 'audio/mpeg' });
    const { data, response } = await pair
      .openai()
      .audio.transcriptions.create({ model: pair.model, file, stream: false })
      .withResponse();
    expect(data.text).toBe(`Echo: speech.mp3 (${audio.length} bytes)`);
    // The gateway marks only the responses it streams `cache-control: no-cache`.
    expect(response.headers.get('cache-control')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const form = await receivedForm(await pair.last());
    expect(form.get('model')).toBe(pair.target);
    expect(form.get('stream')).toBe('false');
    const sent = form.get('file') as File;
    expect(sent.name).toBe('speech.mp3');
    expect(Buffer.from(await sent.arrayBuffer()).equals(audio)).toBe(true);
  });
});
