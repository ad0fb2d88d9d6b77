// Workers AI through the `AI` binding, inside workerd: the binding is a stand-in that forwards `run()` to the mock's Workers AI REST route.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app';
import { recorded, setupGateway } from '../support/gateway';

const MODEL = '@cf/meta/llama-3.1-8b-instruct';

/** What the real binding does with a REST answer: the `result`, the SSE body, or an Error "<code>: <message>". */
function aiBinding(provider: string) {
  return {
    async run(model: string, inputs: Record<string, unknown>, options?: { signal?: AbortSignal }) {
      const res = await fetch(`${env.MOCK_UPSTREAM_URL}/p/${provider}/ai/run/${model}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(inputs),
        signal: options?.signal,
      });
      if (!res.ok) throw new Error(((await res.json()) as { error: { message: string } }).error.message);
      if (inputs.stream === true) return res.body;
      return ((await res.json()) as { result: unknown }).result;
    },
  };
}

async function send(path: string, body: unknown, headers: Record<string, string>, ai?: unknown) {
  const ctx = createExecutionContext();
  const req = new Request(`http://gateway.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const res = await app.fetch(req, { ...env, AI: ai }, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

describe('Workers AI through the AI binding', () => {
  it('answers a chat completion from the native {response} output, with usage', async () => {
    const g = await setupGateway([{ protocol: 'workers_ai', target: MODEL }]);
    const ai = aiBinding(g.providers[0]!.name);
    const res = await send(
      '/v1/chat/completions',
      { model: g.model, messages: [{ role: 'user', content: 'Hi Workers AI' }] },
      { authorization: `Bearer ${g.key}` },
      ai,
    );
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      object: 'chat.completion',
      model: MODEL,
      choices: [{ message: { role: 'assistant', content: 'Echo: Hi Workers AI' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number) },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.path).toBe(`/p/${g.providers[0]!.name}/ai/run/${MODEL}`);
    expect(Object.keys(JSON.parse(sent?.body ?? '{}') as object)).toEqual(['messages']);
  });

  it('streams Chat chunks, without the usage chunk for a client that did not ask', async () => {
    const g = await setupGateway([{ protocol: 'workers_ai', target: MODEL }]);
    const res = await send(
      '/v1/chat/completions',
      { model: g.model, stream: true, messages: [{ role: 'user', content: 'Stream me' }] },
      { authorization: `Bearer ${g.key}` },
      aiBinding(g.providers[0]!.name),
    );
    expect(res.status).toBe(200);
    const chunks = res.text
      .split('\n\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)));
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Echo: Stream me');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(res.text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('turns native tool calls into Chat tool calls, and serves an Anthropic client through Chat', async () => {
    const g = await setupGateway([{ protocol: 'workers_ai', target: MODEL }]);
    const ai = aiBinding(g.providers[0]!.name);
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const res = await send(
      '/v1/chat/completions',
      { model: g.model, tools, messages: [{ role: 'user', content: 'Weather in Oslo' }] },
      { authorization: `Bearer ${g.key}` },
      ai,
    );
    expect(res.json()).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    const choice = (res.json().choices as { message: { tool_calls: unknown[] } }[])[0];
    expect(choice?.message.tool_calls[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Weather in Oslo"}' },
    });
    const msg = await send(
      '/v1/messages',
      { model: g.model, max_tokens: 100, messages: [{ role: 'user', content: 'Hi from Claude code' }] },
      { 'x-api-key': g.key, 'anthropic-version': '2023-06-01' },
      ai,
    );
    expect(msg.json()).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Echo: Hi from Claude code' }],
      stop_reason: 'end_turn',
    });
  });

  it('without the binding says so clearly, in the client’s envelope, without retrying', async () => {
    const g = await setupGateway([{ protocol: 'workers_ai', target: MODEL }]);
    const res = await send(
      '/v1/chat/completions',
      { model: g.model, messages: [{ role: 'user', content: 'Hi' }] },
      { authorization: `Bearer ${g.key}` },
    );
    expect(res.status).toBe(424);
    expect(res.json()).toMatchObject({
      error: {
        message: expect.stringContaining('Workers AI needs the AI binding'),
        code: 'workers_ai_binding_missing',
      },
    });
  });

  it('an unknown Workers AI model is a 400 with its own message', async () => {
    const g = await setupGateway([{ protocol: 'workers_ai', target: 'llama-without-prefix' }]);
    const res = await send(
      '/v1/chat/completions',
      { model: g.model, messages: [{ role: 'user', content: 'Hi' }] },
      { authorization: `Bearer ${g.key}` },
      aiBinding(g.providers[0]!.name),
    );
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('5007: No such model') } });
  });
});
