import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { admin, unique } from '../support/http';

async function provider(name = unique('p')) {
  const res = await admin.post('/providers', {
    name,
    base_url: 'https://api.example.com/v1',
    protocol: 'openai',
  });
  return { id: res.json.id as number, name };
}

describe('models export and import', () => {
  it('round-trips a model with its links, rules, cache prices and pauses', async () => {
    const p = await provider();
    const name = unique('xfer');
    await admin.post('/models', {
      requested_model: name,
      strategy: 'priority',
      billing_mode: 'token_flat',
      input_price: 1,
      output_price: 2,
      cache_billing_enabled: true,
      cached_input_price: 0.1,
      cache_creation_input_price: 1.25,
    });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await admin.post('/model-providers', {
      requested_model: name,
      provider_id: p.id,
      target_model_name: 'gpt-x',
      priority: 3,
      provider_rules: { rules: [{ field: 'headers.x-a', operator: 'exists', value: true }] },
      paused_until: until,
    });
    const exported = (await admin.get('/models/export')).json as unknown as { requested_model: string }[];
    const mine = exported.find((m) => m.requested_model === name) as Record<string, unknown>;
    expect(mine).toMatchObject({ cached_input_price: 0.1, cache_creation_input_price: 1.25 });
    const copy = { ...mine, requested_model: `${name}-copy` };
    const res = await admin.post('/models/import', [
      copy,
      mine,
      {
        ...mine,
        requested_model: `${name}-bad`,
        providers: [{ provider_name: 'nope', target_model_name: 't' }],
      },
    ]);
    expect(res.json).toMatchObject({ success: 1, created: [`${name}-copy`], skipped: [name] });
    expect((res.json.errors as { message: string }[])[0]?.message).toContain('nope');
    const detail = await admin.get(`/models/${name}-copy`);
    expect(detail.json).toMatchObject({ strategy: 'priority', cache_creation_input_price: 1.25 });
    expect((detail.json.providers as unknown[])[0]).toMatchObject({
      provider_id: p.id,
      target_model_name: 'gpt-x',
      priority: 3,
      paused_until: until,
      provider_rules: { rules: [{ field: 'headers.x-a', operator: 'exists', value: true }] },
    });
  });
});

describe('bulk upgrade and pricing history', () => {
  it('renames a provider’s target model on every link and reprices them, cache prices included', async () => {
    const p = await provider();
    const names = [unique('bu'), unique('bu')];
    for (const n of names) {
      await admin.post('/models', { requested_model: n });
      await admin.post('/model-providers', {
        requested_model: n,
        provider_id: p.id,
        target_model_name: 'Old-Model ',
      });
    }
    const res = await admin.post('/model-providers/bulk-upgrade', {
      provider_id: p.id,
      current_target_model_name: 'old-model',
      new_target_model_name: 'new-model',
      billing_mode: 'token_flat',
      input_price: 3,
      output_price: 6,
      cache_billing_enabled: true,
      cached_input_price: 0.3,
    });
    expect(res.json.updated_count).toBe(2);
    const { results } = await env.DB.prepare(
      'select target_model_name, cached_input_price from model_mapping_providers where provider_id = ?',
    )
      .bind(p.id)
      .all<{ target_model_name: string; cached_input_price: number }>();
    expect(results.every((r) => r.target_model_name === 'new-model' && r.cached_input_price === 0.3)).toBe(
      true,
    );
    const history = await admin.get('/model-providers/pricing-history?target_model_name=NEW-model');
    expect((history.json.items as unknown[])[0]).toMatchObject({
      provider_id: p.id,
      resolved_billing_mode: 'token_flat',
      resolved_input_price: 3,
      resolved_cached_input_price: 0.3,
      price_source: 'SupplierOverride',
    });
    const none = await admin.post('/model-providers/bulk-upgrade', {
      provider_id: p.id,
      current_target_model_name: 'missing',
      new_target_model_name: 'x',
    });
    expect(none.status).toBe(404);
  });
});
