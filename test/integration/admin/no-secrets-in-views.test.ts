// Walks every GET route of the admin plane and checks that no field of any answer holds a stored secret.
import { describe, expect, it } from 'vitest';
import { adminApp } from '../../../worker/admin';
import { setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';
import { waitForLogs } from '../support/logs';

/** Every string anywhere in a JSON value, with the path that leads to it. */
function strings(value: unknown, path = '$'): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** The admin GET routes as Hono registered them (`/admin/providers/:id`, …), middleware excluded. */
function adminGetRoutes(): string[] {
  const paths = adminApp.routes.filter((r) => r.method === 'GET').map((r) => r.path);
  return [...new Set(paths)].filter((p) => !p.endsWith('*'));
}

describe('admin views never show an encrypted secret', () => {
  it('walks every admin GET route and finds no "enc:" value in any field', async () => {
    const setup = await setupGateway([
      { apiKey: 'sk-upstream-walk', extra: { extra_headers: { 'x-secret-header': 'hdr-walk-value' } } },
    ]);
    const res = await call('POST', '/v1/chat/completions', {
      headers: { authorization: `Bearer ${setup.key}` },
      body: { model: setup.model, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(res.status).toBe(200);
    const [log] = await waitForLogs(res.headers.get('x-gateway-trace-id') as string);
    const keys = await admin.get('/api-keys');
    const keyId = (keys.json.items as { id: number }[])[0]?.id;
    const params: Record<string, string> = {
      id: String(setup.providers[0]?.id),
      name: encodeURIComponent(setup.model),
    };
    const concrete = (route: string): string[] => {
      const withName = route.replace(/:name(\{[^}]*\})?/, params.name as string);
      if (!withName.includes(':id')) return [withName];
      // `:id` means a provider, a link, a key or a log depending on the resource.
      const id = withName.startsWith('/admin/model-providers')
        ? String(setup.providers[0]?.linkId)
        : withName.startsWith('/admin/api-keys')
          ? String(keyId)
          : withName.startsWith('/admin/logs')
            ? String(log?.id)
            : (params.id as string);
      return [withName.replace(/:id(\{[^}]*\})?/, id)];
    };
    const routes = adminGetRoutes();
    // The walk must cover the resources that hold secrets, or it proves nothing.
    for (const expected of [
      '/admin/providers',
      '/admin/providers/:id',
      '/admin/model-providers',
      '/admin/logs/:id',
    ])
      expect(routes).toContain(expected);
    const leaks: string[] = [];
    for (const route of routes.flatMap(concrete)) {
      const answer = await call('GET', `/api${route}`);
      expect(answer.status, `GET /api${route}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      for (const { path, text } of strings(answer.json)) {
        if (text.includes('enc:') || text.includes('sk-upstream-walk') || text.includes('hdr-walk-value'))
          leaks.push(`GET /api${route} ${path}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('lists each link with its own id and dates and its provider name, protocol and state', async () => {
    const setup = await setupGateway([{}]);
    const link = setup.providers[0] as { id: number; name: string; linkId: number };
    const single = await admin.get(`/model-providers/${link.linkId}`);
    const list = await admin.get(`/model-providers?requested_model=${encodeURIComponent(setup.model)}`);
    const [listed] = list.json.items as Record<string, unknown>[];
    expect(listed).toMatchObject({
      id: link.linkId,
      provider_id: link.id,
      provider_name: link.name,
      provider_protocol: 'openai',
      provider_is_active: true,
    });
    expect(listed).toEqual(single.json);
  });
});
