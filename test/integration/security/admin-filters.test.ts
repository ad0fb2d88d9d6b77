// Findings 12 and 13 of the security probe: LIKE wildcards in admin filters; header values with CR/LF/NUL.
import { describe, expect, it } from 'vitest';
import { mockBase } from '../support/gateway';
import { admin, unique } from '../support/http';

describe('finding 12: LIKE wildcards in admin list filters are taken literally', () => {
  it('a name filter of % or _ matches only names containing that character', async () => {
    const plain = unique('plainname');
    const pct = `${unique('with')}%pct`;
    for (const name of [plain, pct]) {
      expect(
        (await admin.post('/providers', { name, base_url: mockBase('x'), protocol: 'openai' })).status,
      ).toBe(201);
    }
    const all = await admin.get(`/providers?name=${encodeURIComponent('%')}&page_size=1000`);
    const names = (all.json.items as { name: string }[]).map((p) => p.name);
    expect(names).toContain(pct);
    expect(names).not.toContain(plain);
    const underscore = await admin.get(`/providers?name=${encodeURIComponent('plain_ame')}`);
    expect(underscore.json.total).toBe(0);
    const models = await admin.get(`/models?requested_model=${encodeURIComponent('%')}`);
    expect(models.json.total).toBe(0);
  });
});

describe('finding 13: header values with CR, LF or NUL are refused when a provider is saved', () => {
  for (const value of ['a\r\nx-injected: 1', 'line\nbreak', 'nul\u0000byte']) {
    it(`refuses ${JSON.stringify(value)}`, async () => {
      const res = await admin.post('/providers', {
        name: unique('crlf'),
        base_url: mockBase('x'),
        protocol: 'openai',
        extra_headers: { 'X-Custom': value },
      });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/CR, LF or NUL/);
    });
  }
});
