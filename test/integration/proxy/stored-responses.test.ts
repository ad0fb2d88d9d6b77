// Stored Responses through the real pipeline and R2: store, retrieve, continue (also on another provider), reference, delete.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ResponseStore } from '../../../worker/responses-store/store';
import { type Recorded, recorded, setupGateway } from '../support/gateway';
import { admin, call, fetchGateway, unique } from '../support/http';

type Json = Record<string, unknown>;

function post(key: string, body: Json) {
  return call('POST', '/v1/responses', { body, headers: { authorization: `Bearer ${key}` } });
}

function get(key: string, path: string) {
  return call('GET', `/v1/responses/${path}`, { headers: { authorization: `Bearer ${key}` } });
}

function lastBody(requests: Recorded[]): Json {
  return JSON.parse(requests.at(-1)?.body ?? '{}') as Json;
}

async function newKey(): Promise<string> {
  return (await admin.post('/api-keys', { key_name: unique('other') })).json.key_value as string;
}

describe('stored Responses', () => {
  it('stores a converted response by default and returns it, and its input items, to the same key only', async () => {
    const g = await setupGateway([{}]);
    const res = await post(g.key, { model: g.model, input: 'remember the number 42' });
    expect(res.status).toBe(200);
    const id = res.json.id as string;
    expect(id).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(res.json.store).toBe(true);
    const again = await get(g.key, id);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(res.json);
    const items = await get(g.key, `${id}/input_items`);
    expect(items.json).toMatchObject({
      object: 'list',
      has_more: false,
      data: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'remember the number 42' }] },
      ],
    });
    const other = await newKey();
    const foreign = await get(other, id);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(String((foreign.json.error as Json).message)).toContain(id);
  });

  it('continues a stored conversation with previous_response_id on a Chat provider', async () => {
    const g = await setupGateway([{}]);
    const first = await post(g.key, { model: g.model, instructions: 'Be terse.', input: 'first question' });
    const second = await post(g.key, {
      model: g.model,
      previous_response_id: first.json.id,
      input: 'second question',
    });
    expect(second.status).toBe(200);
    expect(second.json.previous_response_id).toBe(first.json.id);
    const messages = lastBody(await recorded(g.providers[0]!.name)).messages as Json[];
    // Instructions are not carried over (as OpenAI documents); the earlier turn and its answer are.
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(messages[0])).toContain('first question');
    expect(messages[1]?.content).toMatch(/^Echo: first question/);
    // A chain of three: the third turn sees both earlier ones.
    const third = await post(g.key, { model: g.model, previous_response_id: second.json.id, input: 'third' });
    expect(third.status).toBe(200);
    const all = lastBody(await recorded(g.providers[0]!.name)).messages as Json[];
    expect(all.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('refuses a previous_response_id this key does not have with 400 previous_response_not_found', async () => {
    const g = await setupGateway([{}]);
    const first = await post(g.key, { model: g.model, input: 'mine' });
    const other = await newKey();
    const res = await post(other, { model: g.model, previous_response_id: first.json.id, input: 'theirs' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: {
        code: 'previous_response_not_found',
        param: 'previous_response_id',
        type: 'invalid_request_error',
      },
    });
    expect((await recorded(g.providers[0]!.name)).length).toBe(1);
  });

  it('keeps nothing with store: false', async () => {
    const g = await setupGateway([{}]);
    const res = await post(g.key, { model: g.model, input: 'forget me', store: false });
    expect(res.json.store).toBe(false);
    expect((await get(g.key, res.json.id as string)).status).toBe(404);
  });

  it('deletes a stored response for its key', async () => {
    const g = await setupGateway([{}]);
    const res = await post(g.key, { model: g.model, input: 'short-lived' });
    const id = res.json.id as string;
    const other = await newKey();
    const foreign = await call('DELETE', `/v1/responses/${id}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(foreign.status).toBe(404);
    const deleted = await call('DELETE', `/v1/responses/${id}`, {
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(deleted.json).toEqual({ id, object: 'response', deleted: true });
    expect((await get(g.key, id)).status).toBe(404);
  });

  it('stores a streamed response once the stream ended', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/responses', {
      headers: { authorization: `Bearer ${g.key}` },
      body: { model: g.model, input: 'stream and keep', stream: true },
    });
    const text = await res.text();
    const completed = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as Json)
      .find((e) => e.type === 'response.completed') as Json;
    const response = completed.response as Json;
    const stored = await get(g.key, response.id as string);
    expect(stored.status).toBe(200);
    expect(stored.json.output).toEqual(response.output);
  });

  it('continues on another provider protocol when the first turn’s link is paused', async () => {
    const g = await setupGateway([{ priority: 0 }, { protocol: 'anthropic', priority: 1 }], {
      strategy: 'priority',
    });
    const [chat, anthropic] = g.providers as [Setup, Setup];
    const first = await post(g.key, { model: g.model, input: 'turn one on chat' });
    expect(first.headers.get('x-gateway-provider')).toBe(chat.name);
    await admin.put(`/model-providers/${chat.linkId}`, {
      paused_until: new Date(Date.now() + 60_000).toISOString(),
    });
    const second = await post(g.key, {
      model: g.model,
      previous_response_id: first.json.id,
      input: 'turn two',
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-gateway-provider')).toBe(anthropic.name);
    const sent = lastBody(await recorded(anthropic.name)).messages as Json[];
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(sent[1])).toContain('Echo: turn one on chat');
  });

  it('keeps a conversation on the link that answered it while that link is healthy (affinity)', async () => {
    const g = await setupGateway([{}, {}], { strategy: 'round_robin' });
    const first = await post(g.key, { model: g.model, input: 'sticky' });
    const served = first.headers.get('x-gateway-provider');
    let previous = first.json.id;
    for (let turn = 0; turn < 4; turn++) {
      const next = await post(g.key, {
        model: g.model,
        previous_response_id: previous,
        input: `turn ${turn}`,
      });
      expect(next.headers.get('x-gateway-provider')).toBe(served);
      previous = next.json.id;
    }
  });

  it('sends one prompt_cache_key conversation to one link, and spreads different keys', async () => {
    const g = await setupGateway([{}, {}, {}], { strategy: 'round_robin' });
    const seen = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      const res = await post(g.key, {
        model: g.model,
        input: `q${i}`,
        prompt_cache_key: 'conversation-a',
        store: false,
      });
      seen.add(res.headers.get('x-gateway-provider'));
    }
    expect(seen.size).toBe(1);
    const spread = new Set<string | null>();
    for (let i = 0; i < 24; i++) {
      const res = await post(g.key, {
        model: g.model,
        input: 'q',
        prompt_cache_key: `conv-${i}`,
        store: false,
      });
      spread.add(res.headers.get('x-gateway-provider'));
    }
    expect(spread.size).toBeGreaterThan(1);
  });

  it('sends encrypted reasoning back to the link that wrote it, without the gateway’s mark', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }, { protocol: 'anthropic' }], {
      strategy: 'round_robin',
    });
    const ask = (input: unknown) =>
      post(g.key, {
        model: g.model,
        input,
        reasoning: { effort: 'low' },
        include: ['reasoning.encrypted_content'],
        store: false,
      });
    const first = await ask('think, then answer');
    const served = first.headers.get('x-gateway-provider');
    const link = (g.providers as Setup[]).find((p) => p.name === served) as Setup;
    const reasoning = (first.json.output as Json[]).find((i) => i.type === 'reasoning') as Json;
    expect(reasoning.encrypted_content).toMatch(new RegExp(`^lgw:${link.linkId}:`));
    for (let turn = 0; turn < 3; turn++) {
      const next = await ask([
        { role: 'user', content: 'think, then answer' },
        reasoning,
        { role: 'user', content: `turn ${turn}` },
      ]);
      expect(next.headers.get('x-gateway-provider')).toBe(served);
    }
    const sent = lastBody(await recorded(link.name)).messages as { content: Json[] }[];
    const thinking = sent
      .flatMap((m) => (Array.isArray(m.content) ? m.content : []))
      .find((b) => b.type === 'thinking');
    expect(thinking?.signature).toBe(String(reasoning.encrypted_content).replace(/^lgw:\d+:/, ''));
  });

  it('resolves item_reference to items of the gateway’s own stored responses (AI SDK style)', async () => {
    const g = await setupGateway([{}]);
    const first = await post(g.key, {
      model: g.model,
      input: 'think first',
      reasoning: { effort: 'low', summary: 'auto' },
    });
    const output = first.json.output as Json[];
    expect(output.map((i) => i.type)).toEqual(['reasoning', 'message']);
    const refs = output.map((i) => ({ type: 'item_reference', id: i.id }));
    const second = await post(g.key, {
      model: g.model,
      input: [{ role: 'user', content: 'think first' }, ...refs, { role: 'user', content: 'and then?' }],
    });
    expect(second.status).toBe(200);
    const messages = lastBody(await recorded(g.providers[0]!.name)).messages as Json[];
    // Both references resolved into one assistant turn (OpenAI's own Chat API takes no reasoning back).
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toMatch(/^Echo: think first/);
  });

  it('refuses an item_reference it cannot resolve on a Chat provider, in the Responses envelope', async () => {
    const g = await setupGateway([{}]);
    const res = await post(g.key, { model: g.model, input: [{ type: 'item_reference', id: 'msg_unknown' }] });
    expect(res.status).toBe(400);
    expect(String((res.json.error as Json).message)).toContain('msg_unknown');
  });

  it('stores a relayed Responses-provider answer and continues it on a Chat provider', async () => {
    const g = await setupGateway([{ protocol: 'openai_responses', priority: 0 }, { priority: 1 }], {
      strategy: 'priority',
    });
    const [native, chat] = g.providers as [Setup, Setup];
    const first = await post(g.key, { model: g.model, input: 'native first' });
    expect(first.headers.get('x-gateway-provider')).toBe(native.name);
    // Same link: the provider keeps its own state, so the request goes as sent.
    const same = await post(g.key, { model: g.model, previous_response_id: first.json.id, input: 'again' });
    expect(same.status).toBe(200);
    expect(lastBody(await recorded(native.name))).toMatchObject({
      previous_response_id: first.json.id,
      input: 'again',
    });
    await admin.put(`/model-providers/${native.linkId}`, {
      paused_until: new Date(Date.now() + 60_000).toISOString(),
    });
    const moved = await post(g.key, {
      model: g.model,
      previous_response_id: same.json.id,
      input: 'elsewhere',
    });
    expect(moved.headers.get('x-gateway-provider')).toBe(chat.name);
    const messages = lastBody(await recorded(chat.name)).messages as Json[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });
});

type Setup = { id: number; name: string; path: string; linkId: number };

describe('the response store', () => {
  const record = (id: string, scope: string, expiresAt: number) => ({
    v: 1 as const,
    id,
    scope,
    createdAt: Date.now(),
    expiresAt,
    linkId: 1,
    providerId: 1,
    requestedModel: 'm',
    previousResponseId: null,
    context: [],
    inputItems: [],
    response: { id, object: 'response' },
  });

  it('forgets a response once its TTL has passed, and never serves it to another scope', async () => {
    const store = new ResponseStore(env.RESPONSES_BUCKET);
    const id = `resp_${crypto.randomUUID().replaceAll('-', '')}`;
    const expiresAt = Date.now() + 30 * 86_400_000;
    await store.put(record(id, 'key-1', expiresAt));
    expect((await store.get('key-1', id))?.id).toBe(id);
    expect(await store.get('key-1', id, expiresAt + 1)).toBeUndefined();
    expect(await store.get('key-2', id)).toBeUndefined();
  });

  it('finds a response again by the id of an item the upstream minted', async () => {
    const store = new ResponseStore(env.RESPONSES_BUCKET);
    const id = `resp_${crypto.randomUUID().replaceAll('-', '')}`;
    await store.put(record(id, 'key-3', Date.now() + 60_000), ['msg_upstream_1']);
    expect(await store.responseIdOfItem('key-3', 'msg_upstream_1')).toBe(id);
    expect(await store.responseIdOfItem('key-4', 'msg_upstream_1')).toBeUndefined();
  });
});
