import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runRetention } from '../../../worker/cron/retention';
import { admin, unique } from '../support/http';

interface Entry {
  id: number;
  actor_type: string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  status: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

async function entries(query: string): Promise<Entry[]> {
  const res = await admin.get(`/audit?${query}`);
  expect(res.status).toBe(200);
  return res.json.items as Entry[];
}

async function auditTableText(): Promise<string> {
  const { results } = await env.DB.prepare('select * from audit_log').all();
  return JSON.stringify(results);
}

describe('audit log', () => {
  it('records a provider update with the key and secret header values masked, and shows that they changed', async () => {
    const name = unique('audited');
    const created = await admin.post('/providers', {
      name,
      base_url: 'http://127.0.0.1:9/v1',
      protocol: 'openai',
      api_key: 'sk-first-secret-value-123456',
      extra_headers: { 'x-tenant': 'tenant-plain-value', 'x-custom-auth': 'hdr-secret-abcdef' },
    });
    expect(created.status).toBe(201);
    const id = String(created.json.id);
    const updated = await admin.put(`/providers/${id}`, {
      api_key: 'sk-second-secret-value-654321',
      remark: 'rotated',
    });
    expect(updated.status).toBe(200);

    const [update, create] = await entries(`target_type=provider&target_id=${id}`);
    expect(create).toMatchObject({
      action: 'provider.create',
      actor_type: 'admin',
      status: 201,
      before: null,
    });
    expect(update).toMatchObject({ action: 'provider.update', status: 200 });
    expect(update?.before).toMatchObject({ name, remark: null, protocol: 'openai' });
    expect(update?.after).toMatchObject({ name, remark: 'rotated' });
    const beforeKey = update?.before?.api_key as string;
    const afterKey = update?.after?.api_key as string;
    expect(beforeKey).toMatch(/^\*\*\* \(.{8}\)$/);
    expect(afterKey).toMatch(/^\*\*\* \(.{8}\)$/);
    expect(afterKey).not.toBe(beforeKey);
    const headers = update?.after?.extra_headers as Record<string, string>;
    expect(Object.keys(headers).sort()).toEqual(['x-custom-auth', 'x-tenant']);
    for (const v of Object.values(headers)) expect(v).toMatch(/^\*\*\* /);
    const stored = await auditTableText();
    for (const secret of ['sk-first-secret', 'sk-second-secret', 'hdr-secret-abcdef', 'tenant-plain-value']) {
      expect(stored).not.toContain(secret);
    }
  });

  it('records a created key without its value or hash, and a deletion with the state before it', async () => {
    const created = await admin.post('/api-keys', { key_name: unique('audit key'), is_mcp_admin: true });
    const id = String(created.json.id);
    const value = created.json.key_value as string;
    const hash = (
      await env.DB.prepare('select key_hash from api_keys where id = ?')
        .bind(id)
        .first<{ key_hash: string }>()
    )?.key_hash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await admin.del(`/api-keys/${id}`)).status).toBe(204);

    const [deleted, made] = await entries(`target_type=api_key&target_id=${id}`);
    expect(made).toMatchObject({ action: 'api_key.create', before: null });
    expect(made?.after).toMatchObject({
      is_mcp_admin: true,
      key_value: `${value.slice(0, 8)}****${value.slice(-4)}`,
    });
    expect(made?.after).not.toHaveProperty('key_hash');
    expect(deleted).toMatchObject({ action: 'api_key.delete', status: 204, after: null });
    expect(deleted?.before).toMatchObject({ id: Number(id), is_mcp_admin: true });
    const stored = await auditTableText();
    expect(stored).not.toContain(hash);
    expect(stored).not.toContain(value);
  });

  it('records model changes by name (slashes included) and leaves reads, simulations and refused writes out', async () => {
    const model = `${unique('org')}/chat-1`;
    expect((await admin.post('/models', { requested_model: model })).status).toBe(201);
    await admin.get(`/models/${model}`);
    await admin.post(`/models/${model}/match`, { input_tokens: 10 });
    expect((await admin.put(`/models/${model}`, { strategy: 'nope' })).status).toBe(400);
    expect((await admin.put(`/models/${model}`, { strategy: 'priority' })).status).toBe(200);

    const list = await entries(`target_type=model&target_id=${encodeURIComponent(model)}`);
    expect(list.map((e) => e.action)).toEqual(['model.update', 'model.create']);
    expect(list[0]?.before).toMatchObject({ strategy: 'round_robin' });
    expect(list[0]?.after).toMatchObject({ strategy: 'priority' });
  });

  it('filters by action and actor and pages newest first', async () => {
    for (let i = 0; i < 3; i++) await admin.post('/models', { requested_model: unique('paged') });
    const res = await admin.get('/audit?action=model.create&actor=admin%20(auth%20disabled)&page_size=2');
    expect(res.json).toMatchObject({ page: 1, page_size: 2 });
    expect(res.json.total as number).toBeGreaterThanOrEqual(3);
    const items = res.json.items as Entry[];
    expect(items).toHaveLength(2);
    expect(items.every((e) => e.action === 'model.create')).toBe(true);
    expect((items[0]?.id ?? 0) > (items[1]?.id ?? 0)).toBe(true);
    expect((await admin.get('/audit?actor_type=robot')).status).toBe(400);
  });

  it('is kept with the log retention: old entries go in bounded chunks, a manual cleanup cannot erase recent ones', async () => {
    const day = 86_400_000;
    const now = Date.now();
    const insert = env.DB.prepare(
      "insert into audit_log (created_at, actor_type, actor, action, status) values (?, 'admin', 'retention-test', 'old.thing', 200)",
    );
    await env.DB.batch([
      insert.bind(now - 40 * day),
      insert.bind(now - 35 * day),
      insert.bind(now - 31 * day),
    ]);
    const first = await runRetention(env, { now, maxAuditRows: 2 });
    expect(first.deletedAuditCount).toBe(2);
    expect(first.complete).toBe(false);
    const second = await runRetention(env, { now, maxAuditRows: 2 });
    expect(second.deletedAuditCount).toBe(1);
    expect(await entries('actor=retention-test')).toEqual([]);

    await admin.post('/models', { requested_model: unique('kept') });
    const cleanup = await admin.post('/logs/cleanup?days=1');
    expect(cleanup.status).toBe(200);
    expect((await entries('action=model.create')).length).toBeGreaterThan(0);
    expect((await entries('action=logs.cleanup'))[0]?.after).toMatchObject({ complete: true });
  });
});
