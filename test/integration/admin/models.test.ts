import { describe, expect, it } from 'vitest';
import { admin, unique } from '../support/http';

async function provider() {
  const res = await admin.post('/providers', {
    name: unique('p'),
    base_url: 'https://api.example.com/v1',
    protocol: 'openai',
  });
  return res.json.id as number;
}

describe('models: happy path', () => {
  it('creates a model with a slash in its name and reads its detail with links', async () => {
    const name = `${unique('org')}/chat-model`;
    const created = await admin.post('/models', {
      requested_model: name,
      strategy: 'priority',
      input_price: 1,
      output_price: 2,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ requested_model: name, strategy: 'priority', provider_count: 0 });
    const pid = await provider();
    const link = await admin.post('/model-providers', {
      requested_model: name,
      provider_id: pid,
      target_model_name: 'upstream-x',
      priority: 2,
      weight: 3,
      provider_rules: { logic: 'AND', rules: [{ field: 'headers.x-tier', operator: 'eq', value: 'gold' }] },
    });
    expect(link.status).toBe(201);
    const detail = await admin.get(`/models/${name}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ requested_model: name, provider_count: 1, active_provider_count: 1 });
    expect((detail.json.providers as unknown[])[0]).toMatchObject({
      target_model_name: 'upstream-x',
      priority: 2,
      weight: 3,
      provider_id: pid,
      provider_protocol: 'openai',
    });
  });

  it('lists models with filters and counts, paginated', async () => {
    const name = unique('listme');
    await admin.post('/models', { requested_model: name, model_type: 'embedding' });
    const res = await admin.get(`/models?requested_model=${name}&model_type=embedding&page_size=5`);
    expect(res.json).toMatchObject({ total: 1, page: 1, page_size: 5 });
  });

  it('updates a model and validates the merged billing', async () => {
    const name = unique('bill');
    await admin.post('/models', { requested_model: name });
    const bad = await admin.put(`/models/${name}`, { billing_mode: 'per_request' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'validation_error' } });
    const good = await admin.put(`/models/${name}`, { billing_mode: 'per_request', per_request_price: 0.01 });
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ billing_mode: 'per_request', per_request_price: 0.01 });
  });

  it('deletes a model and its links', async () => {
    const name = unique('gone');
    await admin.post('/models', { requested_model: name });
    const pid = await provider();
    const link = await admin.post('/model-providers', {
      requested_model: name,
      provider_id: pid,
      target_model_name: 't',
    });
    expect((await admin.del(`/models/${name}`)).status).toBe(204);
    expect((await admin.get(`/models/${name}`)).status).toBe(404);
    expect((await admin.get(`/model-providers/${link.json.id}`)).status).toBe(404);
  });
});

describe('model-providers', () => {
  it('pauses, resumes and disables a link', async () => {
    const name = unique('pause');
    await admin.post('/models', { requested_model: name });
    const pid = await provider();
    const link = await admin.post('/model-providers', {
      requested_model: name,
      provider_id: pid,
      target_model_name: 't',
    });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const paused = await admin.put(`/model-providers/${link.json.id}`, { paused_until: until });
    expect(paused.json).toMatchObject({ is_paused: true, paused_until: until });
    const resumed = await admin.put(`/model-providers/${link.json.id}`, { paused_until: null });
    expect(resumed.json).toMatchObject({ is_paused: false, paused_until: null });
    const disabled = await admin.put(`/model-providers/${link.json.id}`, { is_active: false });
    expect(disabled.json).toMatchObject({ is_active: false });
  });

  it('accepts inherit_model_default on a link but not on a model', async () => {
    const name = unique('inherit');
    expect(
      (await admin.post('/models', { requested_model: name, billing_mode: 'inherit_model_default' })).status,
    ).toBe(400);
    await admin.post('/models', { requested_model: name });
    const pid = await provider();
    const link = await admin.post('/model-providers', {
      requested_model: name,
      provider_id: pid,
      target_model_name: 't',
      billing_mode: 'inherit_model_default',
    });
    expect(link.status).toBe(201);
  });

  it('answers 404 for an unknown model or provider and 400 for bad weights', async () => {
    const pid = await provider();
    const noModel = await admin.post('/model-providers', {
      requested_model: unique('nope'),
      provider_id: pid,
      target_model_name: 't',
    });
    expect(noModel.status).toBe(404);
    expect(noModel.json).toMatchObject({ error: { code: 'model_not_found' } });
    const name = unique('w');
    await admin.post('/models', { requested_model: name });
    const noProvider = await admin.post('/model-providers', {
      requested_model: name,
      provider_id: 987654,
      target_model_name: 't',
    });
    expect(noProvider.json).toMatchObject({ error: { code: 'provider_not_found' } });
    const badWeight = await admin.post('/model-providers', {
      requested_model: name,
      provider_id: pid,
      target_model_name: 't',
      weight: 0,
    });
    expect(badWeight.status).toBe(400);
  });

  it('rejects a duplicate model with 409 and bad model names with 400', async () => {
    const name = unique('dup');
    await admin.post('/models', { requested_model: name });
    expect((await admin.post('/models', { requested_model: name })).status).toBe(409);
    expect((await admin.post('/models', { requested_model: 'has space' })).status).toBe(400);
  });
});
