// Finding 10 of the security probe: client headers reach a provider only from an allow-list per protocol.
import { describe, expect, it } from 'vitest';
import { recorded, setupGateway } from '../support/gateway';
import { call } from '../support/http';

const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('finding 10: only allow-listed client headers go upstream', () => {
  it('drops unlisted headers, organisation/project selectors and beta switches of another protocol', async () => {
    const g = await setupGateway([{}]);
    await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: {
        authorization: `Bearer ${g.key}`,
        'x-client-extra': 'nope',
        'openai-organization': 'org-someone-else',
        'openai-project': 'proj_someone_else',
        'anthropic-beta': 'prompt-caching-2024-07-31',
        'x-stainless-lang': 'js',
        'user-agent': 'OpenAI/JS 7.0',
      },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.headers['x-client-extra']).toBeUndefined();
    expect(sent?.headers['openai-organization']).toBeUndefined();
    expect(sent?.headers['openai-project']).toBeUndefined();
    expect(sent?.headers['anthropic-beta']).toBeUndefined();
    // The client speaks the provider's protocol: its SDK identity may pass.
    expect(sent?.headers['x-stainless-lang']).toBe('js');
  });

  it('keeps SDK identity headers away from a provider of another protocol', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}`, 'x-stainless-lang': 'js', 'anthropic-beta': 'x' },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.headers['x-stainless-lang']).toBeUndefined();
    expect(sent?.headers['anthropic-beta']).toBeUndefined();
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('forwards at most 64 headers of at most 4 KB, whatever the client sends', async () => {
    const g = await setupGateway([
      { extra: { provider_options: { forward_headers: ['x-mock-*', 'x-team-*'] } } },
    ]);
    const headers: Record<string, string> = { authorization: `Bearer ${g.key}` };
    for (let i = 0; i < 4000; i++) headers[`x-team-${i}`] = 'v';
    headers['x-team-huge'] = 'h'.repeat(200 * 1024);
    const res = await call('POST', '/v1/chat/completions', { body: chat(g.model), headers });
    expect(res.status).toBe(200);
    const [sent] = await recorded(g.providers[0]!.name);
    const forwarded = Object.keys(sent?.headers ?? {}).filter((h) => h.startsWith('x-team-'));
    expect(forwarded.length).toBeLessThanOrEqual(64);
    expect(sent?.headers['x-team-huge']).toBeUndefined();
  });

  it('forwards a header the operator lists in the provider’s forward_headers, never a credential', async () => {
    const g = await setupGateway([{ extra: { provider_options: { forward_headers: ['x-custom-trace'] } } }]);
    await call('POST', '/v1/chat/completions', {
      body: chat(g.model),
      headers: { authorization: `Bearer ${g.key}`, 'x-custom-trace': 'kept' },
    });
    const [sent] = await recorded(g.providers[0]!.name);
    expect(sent?.headers['x-custom-trace']).toBe('kept');
    const refused = await call('PUT', `/api/admin/providers/${g.providers[0]!.id}`, {
      body: { provider_options: { forward_headers: ['authorization'] } },
    });
    expect(refused.status).toBe(400);
  });
});
