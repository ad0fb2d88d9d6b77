// Finding 6 of the security probe: provider extra_headers values are encrypted at rest and masked like api_key.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { encryptPlainHeaders } from '../../../worker/cron/encrypt-headers';
import { mockBase, recorded, setupGateway } from '../support/gateway';
import { admin, call, unique } from '../support/http';

const SECRET_AUTH = 'Bearer sk-extra-header-secret-4f9a8b7c6d5e';
const SECRET_CUSTOM = 'custom-auth-value-0123456789abcdef';

async function storedHeaders(id: number): Promise<Record<string, string>> {
  const row = await env.DB.prepare('select extra_headers from providers where id = ?')
    .bind(id)
    .first<{ extra_headers: string }>();
  return JSON.parse(row?.extra_headers ?? '{}') as Record<string, string>;
}

describe('finding 6: provider extra_headers are encrypted and masked', () => {
  it('stores every value encrypted, shows it masked in GET, list and export, and sends it in clear', async () => {
    const g = await setupGateway([
      { extra: { extra_headers: { Authorization: SECRET_AUTH, 'X-Custom-Auth': SECRET_CUSTOM } } },
    ]);
    const id = g.providers[0]!.id;
    const stored = await storedHeaders(id);
    expect(Object.values(stored).every((v) => v.startsWith('enc:v1:'))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('sk-extra-header-secret');
    for (const res of [
      await admin.get(`/providers/${id}`),
      await admin.get('/providers?page_size=1000'),
      await admin.get('/providers/export'),
    ]) {
      expect(res.text).not.toContain(SECRET_AUTH.slice(7));
      expect(res.text).not.toContain(SECRET_CUSTOM);
    }
    await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.headers.authorization).toBe(SECRET_AUTH);
    expect(sent?.headers['x-custom-auth']).toBe(SECRET_CUSTOM);
  });

  it('keeps a stored value when an update sends back its masked form, and encrypts a changed one', async () => {
    const g = await setupGateway([{ extra: { extra_headers: { 'X-Custom-Auth': SECRET_CUSTOM } } }]);
    const id = g.providers[0]!.id;
    const shown = (await admin.get(`/providers/${id}`)).json.extra_headers as Record<string, string>;
    const put = await admin.put(`/providers/${id}`, {
      extra_headers: { ...shown, 'X-Region': 'eu-west-3' },
    });
    expect(put.status).toBe(200);
    await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.headers['x-custom-auth']).toBe(SECRET_CUSTOM);
    expect(sent?.headers['x-region']).toBe('eu-west-3');
    expect(JSON.stringify(await storedHeaders(id))).not.toContain('eu-west-3');
  });

  it('encrypts values stored in clear before this change, in the scheduled sweep', async () => {
    const name = unique('legacy');
    const created = await admin.post('/providers', { name, base_url: mockBase(name), protocol: 'openai' });
    const id = created.json.id as number;
    await env.DB.prepare('update providers set extra_headers = ? where id = ?')
      .bind(JSON.stringify({ 'X-Custom-Auth': SECRET_CUSTOM }), id)
      .run();
    expect(await encryptPlainHeaders(env.DB, env.ENCRYPTION_KEY as string)).toBeGreaterThanOrEqual(1);
    const stored = await storedHeaders(id);
    expect(stored['X-Custom-Auth']).toMatch(/^enc:v1:/);
    const shown = (await admin.get(`/providers/${id}`)).json.extra_headers as Record<string, string>;
    expect(shown['X-Custom-Auth']).toMatch(/\*\*\*/);
  });
});
