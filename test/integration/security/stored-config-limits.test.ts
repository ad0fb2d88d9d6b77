// Finding 8 of the security probe: stored configs are depth- and size-limited; old deep rows cannot break reads.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';

/** A JSON text nesting `depth` arrays (built as text: the object itself would take the stack to build). */
function deepJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

describe('finding 8: deeply nested stored config is refused, and cannot break the admin API', () => {
  it('refuses a rule value nested 100,000 levels deep with a 400, not a 500', async () => {
    const g = await setupGateway([{}]);
    const raw = `{"matching_rules":{"rules":[{"field":"model","operator":"eq","value":${deepJson(100_000)}}]}}`;
    const res = await call('PUT', `/api/admin/models/${g.model}`, {
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/nested deeper than 8 levels/);
  });

  it('refuses oversized capabilities and too many extra headers', async () => {
    const g = await setupGateway([{}]);
    const big = await admin.put(`/models/${g.model}`, { capabilities: { notes: 'x'.repeat(20_000) } });
    expect(big.status).toBe(400);
    const headers = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`x-h-${i}`, 'v']));
    const many = await admin.put(`/providers/${g.providers[0]!.id}`, { extra_headers: headers });
    expect(many.status).toBe(400);
  });

  it('still lists, shows, exports and routes a model whose stored rule nests too deep (written before the limits)', async () => {
    const g = await setupGateway([{}]);
    const rules = `{"rules":[{"field":"model","operator":"eq","value":${deepJson(100_000)}}]}`;
    await env.DB.prepare('update model_mappings set matching_rules = ? where requested_model = ?')
      .bind(rules, g.model)
      .run();
    await env.DB.prepare('update config_version set version = version + 1').run();
    for (const path of ['/models?page_size=1000', `/models/${g.model}`, '/models/export']) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
    }
    expect((await admin.get(`/models/${g.model}`)).json.matching_rules).toBeNull();
    // The unreadable rule restricts nothing silently: the model matches no request until it is re-saved.
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(503);
  });
});
