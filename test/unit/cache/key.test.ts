import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, type KeyParts, keyMaterial } from '../../../worker/cache/key';

const parts = (over: Partial<KeyParts> = {}): KeyParts => ({
  scope: 'key',
  keyId: 7,
  keyGeneration: 0,
  endpoint: 'chat',
  model: 'my-model',
  modelGeneration: 0,
  body: { model: 'my-model', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 },
  ...over,
});

describe('the cache key', () => {
  it('writes JSON with keys sorted at every level, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('is the same question whatever the field order, and whether or not it streams', async () => {
    const a = await cacheKey(parts());
    const reordered = await cacheKey(
      parts({ body: { temperature: 0.2, messages: [{ content: 'hi', role: 'user' }], model: 'my-model' } }),
    );
    const streamed = await cacheKey(
      parts({ body: { ...parts().body, stream: true, stream_options: { include_usage: true } } }),
    );
    expect(reordered).toBe(a);
    expect(streamed).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any answer-changing field, the endpoint, the model and each generation', async () => {
    const base = await cacheKey(parts());
    const variants: Partial<KeyParts>[] = [
      { body: { ...parts().body, temperature: 0.3 } },
      { body: { ...parts().body, user: 'someone' } },
      { endpoint: 'messages' },
      { model: 'other-model' },
      { modelGeneration: 1 },
      { keyGeneration: 1 },
      { keyId: 8 },
    ];
    for (const v of variants) expect(await cacheKey(parts(v))).not.toBe(base);
  });

  it('keeps keys apart under the default scope and shares one namespace under "global"', () => {
    expect(keyMaterial(parts({ keyId: 1 }))).not.toBe(keyMaterial(parts({ keyId: 2 })));
    expect(keyMaterial(parts({ scope: 'global', keyId: 1 }))).toBe(
      keyMaterial(parts({ scope: 'global', keyId: 2, keyGeneration: 5 })),
    );
    expect(keyMaterial(parts({ keyId: null }))).toContain('"dashboard"');
  });

  it('holds no request text in the key itself, only its hash', async () => {
    const key = await cacheKey(parts({ body: { messages: [{ role: 'user', content: 'my secret plan' }] } }));
    expect(key).not.toContain('secret');
  });
});
