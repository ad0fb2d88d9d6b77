// Finding 1 of the security probe: a routing regex must not freeze the isolate (ReDoS).
import { describe, expect, it } from 'vitest';
import { setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';

const EVIL = '^(a+)+$';
// Backtracking engines need ~2^n steps for this input: 40 characters would take days, not milliseconds.
const attack = `${'a'.repeat(40)}!`;

describe('finding 1: a routing regex runs in linear time (RE2 semantics)', () => {
  it('routes a request whose content would make a backtracking regex run for days', async () => {
    const g = await setupGateway([{ target: 'evil-link' }, { target: 'other-link' }]);
    // The first link only takes requests that match the pathological pattern.
    const link = g.providers[0]!.linkId;
    await admin.put(`/model-providers/${link}`, {
      provider_rules: { rules: [{ field: 'body.messages[0].content', operator: 'regex', value: EVIL }] },
    });
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: attack }] },
      headers: { authorization: `Bearer ${g.key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-model')).toBe('other-link');
    // The isolate is not stuck: another request is served right after.
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('evaluates the same pattern on a header rule and in the match simulation', async () => {
    const g = await setupGateway([{ target: 'only' }]);
    await admin.put(`/models/${g.model}`, {
      matching_rules: { rules: [{ field: 'headers.x-tier', operator: 'regex', value: EVIL }] },
    });
    const match = await admin.post(`/models/${g.model}/match`, { headers: { 'x-tier': attack } });
    expect(match.status).toBe(200);
    expect(match.json.candidates).toEqual([]);
    const res = await call('POST', '/v1/chat/completions', {
      body: { model: g.model, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: `Bearer ${g.key}`, 'x-tier': attack },
    });
    expect(res.status).toBe(503);
  });

  it('refuses patterns RE2 cannot run in linear time, and overlong ones, when a rule is saved', async () => {
    const g = await setupGateway([{}]);
    const link = g.providers[0]!.linkId;
    for (const value of ['(a)\\1', '(?=x)y', 'x'.repeat(1001)]) {
      const res = await admin.put(`/model-providers/${link}`, {
        provider_rules: { rules: [{ field: 'model', operator: 'regex', value }] },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.json)).toMatch(/RE2|at most 1000/);
    }
  });
});
