// Fuzz: no generated input makes the proxy's body reader or the admin API answer 500 or hang.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setupGateway } from '../support/gateway';
import { call } from '../support/http';

let g: Setup;
beforeAll(async () => {
  g = await setupGateway([{}]);
});

/**
 * Bodies a client could send: arbitrary JSON, JSON-ish text, odd bytes, and bodies for the real model
 * with garbage or very deep nesting where messages, content, tools and input go (so they reach routing,
 * conversion and logging, not only the first 404).
 */
function bodies(model: string) {
  const deep = fc
    .tuple(
      fc.integer({ min: 1, max: 20_000 }),
      fc.constantFrom('messages', 'content', 'tools', 'input'),
      fc.boolean(),
    )
    .map(([d, where, stream]) => {
      const nest = `${'['.repeat(d)}1${']'.repeat(d)}`;
      const inner =
        where === 'content'
          ? `"messages":[{"role":"user","content":${nest}}],"input":[{"role":"user","content":${nest}}]`
          : `"${where}":${nest},"messages":[{"role":"user","content":"hi"}]`;
      return `{"model":${JSON.stringify(model)},"stream":${stream},"max_tokens":5,${inner}}`;
    });
  const shaped = fc
    .record({
      model: fc.oneof(fc.constant(model), fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 2 })),
      stream: fc.boolean(),
      messages: fc.jsonValue({ maxDepth: 4 }),
      input: fc.jsonValue({ maxDepth: 3 }),
      tools: fc.jsonValue({ maxDepth: 3 }),
    })
    .map((v) => JSON.stringify(v));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    deep,
    shaped,
    fc.uint8Array({ maxLength: 200 }).map((b) => String.fromCharCode(...b)),
  );
}

const path = fc.constantFrom(
  '/v1/chat/completions',
  '/v1/messages',
  '/v1/responses',
  '/v1/completions',
  '/v1/embeddings',
);

const adminPath = fc.constantFrom('/providers', '/models', '/model-providers', '/api-keys', '/models/import');
const adminBody = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.record({
    name: fc.string({ maxLength: 30 }),
    base_url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 })),
    protocol: fc.constantFrom('openai', 'anthropic', 'nope'),
    extra_headers: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })),
    requested_model: fc.string({ maxLength: 30 }),
    matching_rules: fc.jsonValue({ maxDepth: 5 }),
    provider_id: fc.oneof(fc.integer(), fc.string()),
  }),
);

describe('fuzz: bad input never makes a 500', () => {
  it('the proxy answers every generated body with a client error or a success, in the caller’s envelope', async () => {
    await fc.assert(
      fc.asyncProperty(path, bodies(g.model), async (p, raw) => {
        const res = await call('POST', p, {
          raw,
          headers: {
            authorization: `Bearer ${g.key}`,
            'content-type': 'application/json',
            'anthropic-version': '2023-06-01',
          },
        });
        // Upstream errors are relayed with their status; what must never happen is the gateway's own 500.
        expect(res.text, `${p} ${raw.slice(0, 120)}`).not.toMatch(/unexpected error/);
        expect(res.status).not.toBe(500);
        expect(res.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);

  it('the admin API answers every generated body without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(adminPath, adminBody, async (p, value) => {
        const res = await call('POST', `/api/admin${p}`, { body: value });
        expect(res.status, `${p} ${JSON.stringify(value).slice(0, 120)}`).toBeLessThan(500);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);
});
