import { describe, expect, it } from 'vitest';
import { ask, cachedGateway, chatBody } from '../support/cache';
import { setupGateway } from '../support/gateway';
import { admin, unique } from '../support/http';
import { readDetail, waitForLogs } from '../support/logs';

const CHAT = '/v1/chat/completions';

interface CacheRow {
  cache_status: string | null;
  saved_cost: number | null;
  total_cost: number | null;
  input_tokens: number | null;
  provider_name: string | null;
}

describe('a cache hit is logged once, costing nothing and saying what it saved', () => {
  it('records the MISS with its cost and the HIT with zero cost, no provider and the cost saved', async () => {
    const g = await cachedGateway(['openai'], { input_price: 2, output_price: 4 });
    const body = chatBody(g.model, unique('priced'));
    const miss = await ask(g, CHAT, body);
    const hit = await ask(g, CHAT, body);
    const [missRow] = (await waitForLogs(miss.trace)) as unknown as (CacheRow & Record<string, unknown>)[];
    const hitRows = (await waitForLogs(hit.trace)) as unknown as (CacheRow & Record<string, unknown>)[];
    expect(missRow).toMatchObject({
      cache_status: 'MISS',
      saved_cost: null,
      provider_name: g.providers[0]!.name,
    });
    expect(missRow!.total_cost).toBeGreaterThan(0);
    expect(hitRows).toHaveLength(1);
    expect(hitRows[0]).toMatchObject({
      kind: 'request',
      cache_status: 'HIT',
      total_cost: 0,
      input_tokens: null,
      provider_name: null,
      response_status: 200,
    });
    expect(hitRows[0]!.saved_cost).toBeCloseTo(missRow!.total_cost as number, 8);
    const detail = await readDetail(hitRows[0] as never);
    expect(detail.cache).toMatchObject({
      status: 'HIT',
      stored_by_trace_id: miss.trace,
      stored_from_provider: g.providers[0]!.name,
    });
    expect(JSON.stringify(detail)).not.toContain(g.key);
  });

  it('masks the provider key in a HIT’s record as in the record of the answer it replays', async () => {
    const secret = 'sk-cache-planted-secret-0123456789';
    const g = await setupGateway([{ apiKey: secret }], { cache_ttl_seconds: 600 });
    // The mock echoes the prompt, so the stored answer holds the secret too.
    const body = chatBody(g.model, secret);
    await ask(g, CHAT, body);
    const hit = await ask(g, CHAT, body);
    expect(hit.cache).toBe('HIT');
    expect(hit.text).toContain(secret);
    const [row] = await waitForLogs(hit.trace);
    const detail = JSON.stringify(await readDetail(row!));
    expect(detail).toContain('Echo:');
    expect(detail).not.toContain(secret);
  });

  it('records a BYPASS, and filters the log list by cache status', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('filtered'));
    const miss = await ask(g, CHAT, body);
    const hit = await ask(g, CHAT, body);
    const bypass = await ask(g, CHAT, body, { 'x-gateway-skip-cache': 'true' });
    for (const a of [miss, hit, bypass]) await waitForLogs(a.trace);
    const list = async (status: string) => {
      const res = await admin.get(`/logs?model=${encodeURIComponent(g.model)}&cache_status=${status}`);
      return (res.json.items as { trace_id: string; cache_status: string; cache_hit: boolean }[]).map((i) => [
        i.trace_id,
        i.cache_status,
        i.cache_hit,
      ]);
    };
    expect(await list('HIT')).toEqual([[hit.trace, 'HIT', true]]);
    expect(await list('MISS')).toEqual([[miss.trace, 'MISS', false]]);
    expect(await list('BYPASS')).toEqual([[bypass.trace, 'BYPASS', false]]);
    expect((await admin.get('/logs?cache_status=SOMETIMES')).status).toBe(400);
  });

  it('reports the hit rate and the savings in the statistics, overall and per model', async () => {
    const g = await cachedGateway(['openai'], { input_price: 1, output_price: 1 });
    const body = chatBody(g.model, unique('stats'));
    const traces = [];
    for (let i = 0; i < 4; i++) traces.push((await ask(g, CHAT, body)).trace);
    for (const t of traces) await waitForLogs(t);
    const stats = await admin.get(`/logs/stats?model=${encodeURIComponent(g.model)}&timeline=1h`);
    const summary = stats.json.summary as Record<string, number>;
    expect(summary).toMatchObject({
      request_count: 4,
      cache_hits: 3,
      cache_lookups: 4,
      cache_hit_rate: 0.75,
    });
    expect(summary.saved_cost).toBeGreaterThan(0);
    const byModel = (stats.json.by_model as Record<string, number | string>[]).find(
      (m) => m.model === g.model,
    );
    expect(byModel).toMatchObject({ cache_hits: 3, cache_hit_rate: 0.75 });
  });

  it('ranks the models that used the cache by what it saved, leaving out the ones that never looked', async () => {
    const cached = await cachedGateway(['openai'], { input_price: 1, output_price: 1 });
    const plain = await setupGateway([{}]);
    const body = chatBody(cached.model, unique('ranked'));
    const traces = [(await ask(cached, CHAT, body)).trace, (await ask(cached, CHAT, body)).trace];
    traces.push((await ask(plain, CHAT, chatBody(plain.model, unique('uncached')))).trace);
    for (const t of traces) await waitForLogs(t);
    const stats = await admin.get('/logs/stats?timeline=1h');
    const ranked = stats.json.by_model_cache as {
      model: string;
      cache_lookups: number;
      saved_cost: number;
    }[];
    expect(ranked.every((m) => m.cache_lookups > 0)).toBe(true);
    expect(ranked.map((m) => m.model)).toContain(cached.model);
    expect(ranked.map((m) => m.model)).not.toContain(plain.model);
    const saved = ranked.map((m) => m.saved_cost);
    expect(saved).toEqual([...saved].sort((a, b) => b - a));
  });
});
