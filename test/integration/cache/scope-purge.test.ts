import { describe, expect, it } from 'vitest';
import { ask, cachedGateway, chatBody, upstreamCalls } from '../support/cache';
import { admin, unique } from '../support/http';

const CHAT = '/v1/chat/completions';

async function secondKey(): Promise<{ id: number; key: string }> {
  const created = await admin.post('/api-keys', { key_name: unique('other-key') });
  return { id: created.json.id as number, key: created.json.key_value as string };
}

async function keyId(key: string): Promise<number> {
  const list = await admin.get('/api-keys?page_size=1000');
  const items = list.json.items as { id: number; key_value: string }[];
  const found = items.find(
    (k) => key.startsWith(k.key_value.slice(0, 8)) && key.endsWith(k.key_value.slice(-4)),
  );
  if (!found) throw new Error('key not listed');
  return found.id;
}

describe('whose answers a key reads', () => {
  it('never lets another key read an entry under the default scope', async () => {
    const g = await cachedGateway();
    const other = await secondKey();
    const body = chatBody(g.model, unique('mine'));
    await ask(g, CHAT, body);
    const theirs = await ask(other, CHAT, body);
    const mine = await ask(g, CHAT, body);
    expect([theirs.cache, mine.cache]).toEqual(['MISS', 'HIT']);
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('shares entries between keys when the model says cache_scope "global"', async () => {
    const g = await cachedGateway(['openai'], { cache_scope: 'global' });
    const other = await secondKey();
    const body = chatBody(g.model, unique('shared'));
    await ask(g, CHAT, body);
    const theirs = await ask(other, CHAT, body);
    expect(theirs.cache).toBe('HIT');
    expect(await upstreamCalls(g)).toBe(1);
  });
});

describe('purging cached answers', () => {
  it('purges a model’s entries for every key', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('purge model'));
    await ask(g, CHAT, body);
    const purged = await admin.post(`/models/${encodeURIComponent(g.model)}/cache/purge`);
    expect(purged.status).toBe(200);
    expect(purged.json).toMatchObject({ requested_model: g.model, purged: true, cache_generation: 1 });
    const after = await ask(g, CHAT, body);
    expect(after.cache).toBe('MISS');
    expect((await ask(g, CHAT, body)).cache).toBe('HIT');
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('purges one key’s entries and leaves other keys’ alone', async () => {
    const g = await cachedGateway();
    const other = await secondKey();
    const mineBody = chatBody(g.model, unique('purge key mine'));
    const theirBody = chatBody(g.model, unique('purge key theirs'));
    await ask(g, CHAT, mineBody);
    await ask(other, CHAT, theirBody);
    const purged = await admin.post(`/api-keys/${await keyId(g.key)}/cache/purge`);
    expect(purged.json).toMatchObject({ purged: true, cache_generation: 1 });
    expect((await ask(g, CHAT, mineBody)).cache).toBe('MISS');
    expect((await ask(other, CHAT, theirBody)).cache).toBe('HIT');
  });

  it('answers 404 for a purge of an unknown model or key', async () => {
    expect((await admin.post('/models/no-such-model/cache/purge')).status).toBe(404);
    expect((await admin.post('/api-keys/999999/cache/purge')).json).toMatchObject({
      error: { code: 'api_key_not_found' },
    });
  });
});

describe('a model’s cache settings in the admin API', () => {
  it('creates, shows, updates, exports and imports cache_ttl_seconds and cache_scope', async () => {
    const name = unique('cache-settings');
    const created = await admin.post('/models', {
      requested_model: name,
      cache_ttl_seconds: 300,
      cache_scope: 'global',
    });
    expect(created.json).toMatchObject({ cache_ttl_seconds: 300, cache_scope: 'global' });
    const updated = await admin.put(`/models/${name}`, { cache_ttl_seconds: null });
    expect(updated.json).toMatchObject({ cache_ttl_seconds: null, cache_scope: 'global' });
    expect((await admin.get(`/models/${name}`)).json).toMatchObject({
      cache_ttl_seconds: null,
      cache_scope: 'global',
    });
    const exported = (await admin.get('/models/export')).json as unknown as Record<string, unknown>[];
    expect(exported.find((m) => m.requested_model === name)).toMatchObject({ cache_scope: 'global' });
    const copy = unique('cache-import');
    const imported = await admin.post('/models/import', [{ requested_model: copy, cache_ttl_seconds: 60 }]);
    expect(imported.json).toMatchObject({ created: [copy] });
    expect((await admin.get(`/models/${copy}`)).json).toMatchObject({
      cache_ttl_seconds: 60,
      cache_scope: 'key',
    });
  });

  it('refuses a TTL that is not a whole number of seconds within a year, and an unknown scope', async () => {
    for (const bad of [
      { cache_ttl_seconds: 0 },
      { cache_ttl_seconds: 1.5 },
      { cache_ttl_seconds: 40_000_000 },
      { cache_scope: 'everyone' },
    ]) {
      const res = await admin.post('/models', { requested_model: unique('bad-cache'), ...bad });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'validation_error' } });
    }
  });
});
