import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { admin, call, unique } from '../support/http';
import { pinClock } from '../support/limits';

const LIMITS = {
  rpm_limit: 60,
  tpm_limit: 90_000,
  concurrency_limit: 4,
  budget_usd: 12.5,
  budget_period: 'day',
  allowed_models: ['gpt-4o*', 'claude-sonnet-4'],
  user_rpm_limit: 10,
  user_budget_usd: 1.25,
};

describe('limits on api keys in the admin API', () => {
  it('creates, reads, lists, updates and clears every limit field', async () => {
    const created = await admin.post('/api-keys', { key_name: unique('limited'), ...LIMITS });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject(LIMITS);
    const id = created.json.id as number;
    expect((await admin.get(`/api-keys/${id}`)).json).toMatchObject(LIMITS);
    const list = await admin.get('/api-keys?page_size=1000');
    expect((list.json.items as { id: number }[]).find((k) => k.id === id)).toMatchObject(LIMITS);
    const updated = await admin.put(`/api-keys/${id}`, { rpm_limit: null, budget_period: 'total' });
    expect(updated.json).toMatchObject({ ...LIMITS, rpm_limit: null, budget_period: 'total' });
    const cleared = await admin.put(`/api-keys/${id}`, { allowed_models: [], budget_usd: null });
    expect(cleared.json).toMatchObject({ allowed_models: null, budget_usd: null, tpm_limit: 90_000 });
  });

  it('shows a key without limits as unlimited, with a budget period of month', async () => {
    const created = await admin.post('/api-keys', { key_name: unique('plain') });
    expect(created.json).toMatchObject({
      rpm_limit: null,
      tpm_limit: null,
      concurrency_limit: null,
      budget_usd: null,
      budget_period: 'month',
      allowed_models: null,
      user_rpm_limit: null,
      user_budget_usd: null,
    });
  });

  it('refuses impossible limits with a 400 naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ rpm_limit: 0 }, 'rpm_limit'],
      [{ tpm_limit: 1.5 }, 'tpm_limit'],
      [{ concurrency_limit: -1 }, 'concurrency_limit'],
      [{ budget_usd: -3 }, 'budget_usd'],
      [{ budget_period: 'week' }, 'budget_period'],
      [{ allowed_models: ['gpt*4'] }, 'allowed_models.0'],
      [{ allowed_models: 'gpt-4o' }, 'allowed_models'],
    ];
    for (const [fields, field] of bad) {
      const res = await admin.post('/api-keys', { key_name: unique('bad'), ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'validation_error', details: [{ field }] } });
    }
  });

  it('exports settings and limits by name without values or hashes, and imports them as new keys shown once', async () => {
    const name = unique('exported');
    const created = await admin.post('/api-keys', { key_name: name, ...LIMITS });
    const exported = await admin.get('/api-keys/export');
    expect(exported.status).toBe(200);
    const item = (exported.json as unknown as { key_name: string }[]).find((k) => k.key_name === name);
    expect(item).toMatchObject({ ...LIMITS, key_name: name, is_active: true });
    expect(exported.text).not.toContain(created.json.key_value as string);
    expect(exported.text).not.toMatch(/key_hash|key_value/);
    const renamed = { ...item, key_name: unique('imported') };
    const imported = await admin.post('/api-keys/import', [item, renamed]);
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ success: 1, skipped: [name], errors: [] });
    const [fresh] = imported.json.created as { id: number; key_value: string }[];
    expect(fresh?.key_value).toMatch(/^lgw-[0-9a-f]{32}$/);
    expect((await admin.get(`/api-keys/${fresh?.id}`)).json).toMatchObject(LIMITS);
    // The import is audited, with the new key's value masked.
    const { results } = await env.DB.prepare("select * from audit_log where action = 'api_key.import'").all();
    expect(results.length).toBeGreaterThan(0);
    expect(JSON.stringify(results)).not.toContain(fresh?.key_value as string);
  });
});

describe('GET /api/admin/api-keys/{id}/usage', () => {
  it('counts requests, tokens, in-flight and spend against each limit', async () => {
    const g = await setupGateway([{}], { input_price: 1000, output_price: 1000 });
    const created = await admin.post('/api-keys', {
      key_name: unique('usage'),
      rpm_limit: 100,
      tpm_limit: 100_000,
      concurrency_limit: 3,
      budget_usd: 5,
      budget_period: 'month',
    });
    const id = created.json.id as number;
    await pinClock(`key:${id}`);
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', '/v1/chat/completions', {
        headers: { authorization: `Bearer ${created.json.key_value}` },
        body: { model: g.model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] },
      });
      expect(res.status).toBe(200);
    }
    let usage: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) {
      usage = (await admin.get(`/api-keys/${id}/usage`)).json;
      if (usage.requests_this_minute === 3 && usage.in_flight === 0 && Number(usage.spend_usd) > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(usage).toMatchObject({
      requests_this_minute: 3,
      in_flight: 0,
      budget_usd: 5,
      budget_period: 'month',
      period_start: '2026-03-01T00:00:00.000Z',
      rpm_limit: 100,
      tpm_limit: 100_000,
      concurrency_limit: 3,
    });
    // The mock reports 1 prompt + 2 completion tokens per answer: $0.003 each at these prices.
    expect(usage.spend_usd).toBeCloseTo(0.009, 12);
    expect(usage.tokens_this_minute as number).toBeGreaterThanOrEqual(9);
    expect(usage.remaining_usd as number).toBeCloseTo(5 - 0.009 - (usage.reserved_usd as number), 12);
  }, 20_000);

  it('reports a key without limits with nulls and its month-to-date spend', async () => {
    const created = await admin.post('/api-keys', { key_name: unique('free') });
    const usage = await admin.get(`/api-keys/${created.json.id}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.json).toMatchObject({
      requests_this_minute: null,
      tokens_this_minute: null,
      in_flight: null,
      spend_usd: 0,
      budget_usd: null,
      budget_period: null,
      remaining_usd: null,
    });
    expect((await admin.get('/api-keys/999999999/usage')).status).toBe(404);
  });
});

describe('limits on models in the admin API', () => {
  it('stores rpm_limit and tpm_limit through create, update, get, export and import', async () => {
    const name = unique('limited-model');
    const created = await admin.post('/models', { requested_model: name, rpm_limit: 30, tpm_limit: 50_000 });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ rpm_limit: 30, tpm_limit: 50_000 });
    const updated = await admin.put(`/models/${name}`, { rpm_limit: null });
    expect(updated.json).toMatchObject({ rpm_limit: null, tpm_limit: 50_000 });
    expect((await admin.get(`/models/${name}`)).json).toMatchObject({ rpm_limit: null, tpm_limit: 50_000 });
    const exported = (await admin.get('/models/export')).json as unknown as { requested_model: string }[];
    const item = exported.find((m) => m.requested_model === name);
    expect(item).toMatchObject({ rpm_limit: null, tpm_limit: 50_000 });
    const copy = unique('copied-model');
    await admin.post('/models/import', [{ ...item, requested_model: copy, providers: [] }]);
    expect((await admin.get(`/models/${copy}`)).json).toMatchObject({ tpm_limit: 50_000 });
    expect((await admin.post('/models', { requested_model: unique('m'), rpm_limit: 0 })).status).toBe(400);
  });
});
