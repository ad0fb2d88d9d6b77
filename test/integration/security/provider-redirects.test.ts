// Finding 2 of the security probe: provider redirects are not followed, and base URLs are re-checked when used.
import { describe, expect, it } from 'vitest';
import { callWith } from '../support/custom-env';
import { queueFaults, recorded, setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';

const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'where to?' }] });

async function targetHits(): Promise<number> {
  return (await recorded('redirect-target')).length;
}

describe('finding 2: redirects are not followed past the private-address guard', () => {
  for (const status of [301, 302, 307, 308]) {
    it(`treats a ${status} from the provider as a failed attempt and never calls where it points`, async () => {
      const g = await setupGateway([{}]);
      const before = await targetHits();
      const res = await call('POST', '/v1/chat/completions', {
        body: chat(g.model),
        headers: { authorization: `Bearer ${g.key}`, 'x-mock-fault': `redirect-${status}` },
      });
      expect(res.status).toBe(502);
      expect((res.json.error as { message: string }).message).toMatch(/redirect/);
      expect(await targetHits()).toBe(before);
    });
  }

  it('fails over to the next provider after a redirect', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1, target: 'second' }], {
      strategy: 'priority',
    });
    await queueFaults(g.providers[0]!.name, [{ redirect: 307 }]);
    const res = await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-model')).toBe('second');
  });

  it('does not follow a redirect in the provider connection test (model list)', async () => {
    const g = await setupGateway([{}]);
    await queueFaults(g.providers[0]!.name, [{ redirect: 302 }]);
    const before = await targetHits();
    const res = await admin.get(`/providers/${g.providers[0]!.id}/models`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: false, models: [] });
    expect(JSON.stringify(res.json.error)).toMatch(/redirect/);
    expect(await targetHits()).toBe(before);
  });

  it('refuses a provider saved while private URLs were allowed once the flag is off', async () => {
    const g = await setupGateway([{}]);
    const provider = g.providers[0]!;
    const off = { ALLOW_PRIVATE_IP_PROVIDER: 'false', CONFIG_CACHE_TTL_MS: '0' };
    const res = await callWith(off, 'POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(502);
    expect(res.text).toMatch(/private, loopback or link-local/);
    expect(await recorded(provider.name)).toHaveLength(0);
    const models = await callWith(off, 'GET', `/api/admin/providers/${provider.id}/models`);
    expect(models.json).toMatchObject({ success: false });
    expect(await recorded(provider.name)).toHaveLength(0);
  });
});
