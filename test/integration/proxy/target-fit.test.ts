// What reaches a target that a client's request was not written for: output ceilings, refused parameters, client headers, betas.
import { describe, expect, it } from 'vitest';
import { recorded, setupGateway } from '../support/gateway';
import { call, fetchGateway } from '../support/http';
import { readDetail, waitForLogs } from '../support/logs';

type Json = Record<string, unknown>;

const CLAUDE_CODE_HEADERS = {
  'anthropic-version': '2023-06-01',
  'anthropic-beta': 'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14',
  'x-stainless-lang': 'js',
  'x-claude-code-session-id': '086697fe-d11c-4208-846a-173718762c80',
  'x-app': 'cli',
  'user-agent': 'claude-cli/2.1.197 (external, sdk-cli)',
};

function messages(key: string, model: string, extra: Json = {}, headers: Record<string, string> = {}) {
  return call('POST', '/v1/messages', {
    headers: { 'x-api-key': key, ...CLAUDE_CODE_HEADERS, ...headers },
    body: { model, max_tokens: 64000, messages: [{ role: 'user', content: 'hello' }], ...extra },
  });
}

describe('fitting a request to its target model', () => {
  it("lowers Claude Code's 64,000 output tokens to what a gpt-4o target accepts, and logs it", async () => {
    const g = await setupGateway([{ target: 'gpt-4o-2024-08-06' }]);
    const res = await messages(g.key, g.model);
    expect(res.status).toBe(200);
    const [sent] = await recorded(g.providers[0]!.name);
    expect(JSON.parse(sent!.body).max_completion_tokens).toBe(16384);
    const [row] = await waitForLogs(res.headers.get('x-gateway-trace-id') as string);
    const detail = await readDetail(row!);
    expect(detail.adjustments).toEqual([
      'max_completion_tokens 64000 lowered to 16384, the most gpt-4o-2024-08-06 accepts',
    ]);
  });

  it('drops sampling parameters a reasoning model refuses, on the same protocol too', async () => {
    const g = await setupGateway([{ target: 'o3-mini' }]);
    const res = await call('POST', '/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}` },
      body: { model: g.model, temperature: 0.2, top_p: 0.9, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(res.status).toBe(200);
    const body = JSON.parse((await recorded(g.providers[0]!.name))[0]!.body) as Json;
    expect(body.temperature).toBeUndefined();
    expect(body.top_p).toBeUndefined();
    expect(body.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('changes nothing for a model without limits, byte for byte', async () => {
    const g = await setupGateway([{ target: 'my-own-model' }]);
    const raw = `{"model":"${g.model}","max_tokens":64000,"temperature":0.3,"messages":[{"role":"user","content":"hi"}]}`;
    await call('POST', '/v1/chat/completions', {
      raw,
      headers: { authorization: `Bearer ${g.key}`, 'content-type': 'application/json' },
    });
    expect((await recorded(g.providers[0]!.name))[0]!.body).toBe(raw.replace(g.model, 'my-own-model'));
  });

  it("honours a provider's own capability entry over the built-in table", async () => {
    const g = await setupGateway([
      {
        target: 'gpt-4o',
        extra: { provider_options: { model_capabilities: { 'gpt-4o*': { max_output_tokens: 1000 } } } },
      },
    ]);
    await messages(g.key, g.model);
    expect(JSON.parse((await recorded(g.providers[0]!.name))[0]!.body).max_completion_tokens).toBe(1000);
  });
});

describe('client headers across protocols', () => {
  it('sends no Claude Code session, SDK or beta header to an OpenAI-protocol provider', async () => {
    const g = await setupGateway([{}]);
    await messages(g.key, g.model);
    const [sent] = await recorded(g.providers[0]!.name);
    for (const name of [
      'anthropic-beta',
      'x-stainless-lang',
      'x-claude-code-session-id',
      'x-app',
      'user-agent',
    ])
      expect(sent!.headers[name]).toBeUndefined();
  });

  it('sends no Codex turn metadata or session ids to a Chat provider', async () => {
    const g = await setupGateway([{}]);
    await call('POST', '/v1/responses', {
      headers: {
        authorization: `Bearer ${g.key}`,
        'x-codex-turn-metadata': '{"session_id":"s"}',
        'session-id': 's',
        'x-client-request-id': 's',
        originator: 'codex_exec',
      },
      body: { model: g.model, input: 'hi', store: false },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    for (const name of ['x-codex-turn-metadata', 'session-id', 'x-client-request-id', 'originator'])
      expect(sent!.headers[name]).toBeUndefined();
  });

  it('filters anthropic-beta values by what the Anthropic-protocol provider accepts', async () => {
    const g = await setupGateway(
      [
        {
          protocol: 'anthropic',
          extra: { provider_options: { anthropic_beta: ['interleaved-thinking-*'] } },
        },
        { protocol: 'anthropic', priority: 5 },
      ],
      { strategy: 'priority' },
    );
    await messages(g.key, g.model);
    const [filtered] = await recorded(g.providers[0]!.name);
    expect(filtered!.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    const none = await setupGateway([
      { protocol: 'anthropic', extra: { provider_options: { anthropic_beta: [] } } },
    ]);
    await messages(none.key, none.model);
    expect((await recorded(none.providers[0]!.name))[0]!.headers['anthropic-beta']).toBeUndefined();
    const all = await setupGateway([{ protocol: 'anthropic' }]);
    await messages(all.key, all.model);
    expect((await recorded(all.providers[0]!.name))[0]!.headers['anthropic-beta']).toBe(
      CLAUDE_CODE_HEADERS['anthropic-beta'],
    );
  });
});

describe('converted Anthropic streams', () => {
  it('carry an input-token estimate in message_start and the real count in message_delta', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/messages', {
      headers: { 'x-api-key': g.key, 'anthropic-version': '2023-06-01' },
      body: {
        model: g.model,
        max_tokens: 100,
        stream: true,
        system: 'You are a careful assistant who answers in full sentences.',
        messages: [{ role: 'user', content: 'Tell me about the weather in Lisbon in spring, please.' }],
      },
    });
    const events = (await res.text())
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as Json);
    const start = events.find((e) => e.type === 'message_start') as { message: { usage: Json } };
    const delta = events.find((e) => e.type === 'message_delta') as { usage: Json };
    expect(start.message.usage.input_tokens).toBeGreaterThan(10);
    expect(delta.usage.input_tokens).toBeGreaterThan(0);
  });
});

describe('a Chat client’s freeform tools on an Anthropic provider', () => {
  const patch = '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n';
  const body = (model: string, stream: boolean) => ({
    model,
    stream,
    tools: [{ type: 'custom', custom: { name: 'apply_patch', description: 'Edit files' } }],
    messages: [{ role: 'user', content: `[mock tool=apply_patch]${patch}[/mock]` }],
  });

  it('come back as custom tool calls with the whole input', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const res = await call('POST', '/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}` },
      body: body(g.model, false),
    });
    expect(res.status).toBe(200);
    const message = (res.json.choices as { message: Json }[])[0]?.message;
    expect(message?.tool_calls).toEqual([
      { id: expect.any(String), type: 'custom', custom: { name: 'apply_patch', input: patch } },
    ]);
  });

  it('stream their input as custom deltas', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { authorization: `Bearer ${g.key}` },
      body: body(g.model, true),
    });
    const calls = (await res.text())
      .split('\n')
      .filter((l) => l.startsWith('data: {'))
      .flatMap((l) => {
        const delta = (JSON.parse(l.slice(6)) as { choices: { delta?: { tool_calls?: Json[] } }[] })
          .choices[0]?.delta;
        return delta?.tool_calls ?? [];
      });
    expect(calls[0]).toMatchObject({ type: 'custom', custom: { name: 'apply_patch' } });
    expect(calls.map((c) => (c.custom as Json).input).join('')).toBe(patch);
  });
});
