import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { admin, unique } from '../support/http';

describe('api keys', () => {
  it('shows the key once at creation and stores only its hash', async () => {
    const res = await admin.post('/api-keys', { key_name: unique('team a') });
    expect(res.status).toBe(201);
    const value = res.json.key_value as string;
    expect(value).toMatch(/^lgw-[0-9a-f]{32}$/);
    const got = await admin.get(`/api-keys/${res.json.id}`);
    expect(got.text).not.toContain(value);
    expect(got.json.key_value).toBe(`${value.slice(0, 8)}****${value.slice(-4)}`);
    const { results } = await env.DB.prepare('select * from api_keys').all();
    expect(JSON.stringify(results)).not.toContain(value);
  });

  it('lists with monthly cost, updates and deletes', async () => {
    const created = await admin.post('/api-keys', { key_name: unique('ops'), record_details: false });
    const list = await admin.get('/api-keys?page_size=100');
    const item = (list.json.items as { id: number; monthly_cost: number; record_details: boolean }[]).find(
      (k) => k.id === created.json.id,
    );
    expect(item).toMatchObject({ monthly_cost: 0, record_details: false });
    const updated = await admin.put(`/api-keys/${created.json.id}`, { is_active: false });
    expect(updated.json).toMatchObject({ is_active: false });
    expect((await admin.del(`/api-keys/${created.json.id}`)).status).toBe(204);
    expect((await admin.get(`/api-keys/${created.json.id}`)).status).toBe(404);
  });

  it('rejects duplicate and invalid names', async () => {
    const name = unique('same');
    await admin.post('/api-keys', { key_name: name });
    expect((await admin.post('/api-keys', { key_name: name })).status).toBe(409);
    expect((await admin.post('/api-keys', { key_name: 'bad<name>' })).status).toBe(400);
    expect((await admin.post('/api-keys', {})).status).toBe(400);
  });
});
