import { describe, expect, it } from 'vitest';
import { type CacheRequest, cacheDecision } from '../../../worker/cache/policy';
import { GatewayError } from '../../../worker/errors';
import type { ModelCacheSettings } from '../../../worker/routing/types';

const off: ModelCacheSettings = { ttlSeconds: null, scope: 'key', generation: 0 };
const on: ModelCacheSettings = { ttlSeconds: 600, scope: 'global', generation: 3 };
const req = (headers: Record<string, string> = {}, over: Partial<CacheRequest> = {}): CacheRequest => ({
  endpoint: 'chat',
  headers: new Headers(headers),
  json: { model: 'm', messages: [] },
  replay: false,
  ...over,
});

describe('whether a request uses the response cache', () => {
  it('is off (null) when the model keeps no answers and the request asks for none', () => {
    expect(cacheDecision(off, req())).toBeNull();
    // A skip header has nothing to skip then, and is not even read.
    expect(cacheDecision(off, req({ 'x-gateway-skip-cache': 'nonsense' }))).toBeNull();
  });

  it('follows the model, and lets a request set its own TTL (either header name)', () => {
    expect(cacheDecision(on, req())).toEqual({ use: true, ttlSeconds: 600, scope: 'global', generation: 3 });
    expect(cacheDecision(off, req({ 'x-gateway-cache-ttl': '60' }))).toMatchObject({
      use: true,
      ttlSeconds: 60,
      scope: 'key',
    });
    expect(cacheDecision(on, req({ 'cf-aig-cache-ttl': '30' }))).toMatchObject({ use: true, ttlSeconds: 30 });
  });

  it('bypasses on a skip header, a zero TTL, and what cannot be cached', () => {
    for (const skip of ['x-gateway-skip-cache', 'cf-aig-skip-cache']) {
      expect(cacheDecision(on, req({ [skip]: 'true' }))).toMatchObject({ use: false });
      expect(cacheDecision(on, req({ [skip]: 'false' }))).toMatchObject({ use: true });
    }
    expect(cacheDecision(on, req({ 'x-gateway-cache-ttl': '0' }))).toMatchObject({ use: false });
    expect(cacheDecision(on, req({}, { endpoint: 'images_generations' }))).toMatchObject({ use: false });
    expect(cacheDecision(on, req({}, { json: null }))).toMatchObject({ use: false });
    expect(cacheDecision(on, req({}, { replay: true }))).toMatchObject({ use: false });
    const stateful = { model: 'm', input: 'x', previous_response_id: 'resp_1' };
    expect(cacheDecision(on, req({}, { endpoint: 'responses', json: stateful }))).toMatchObject({
      use: false,
    });
    const referenced = { model: 'm', store: false, input: [{ type: 'item_reference', id: 'msg_1' }] };
    expect(cacheDecision(on, req({}, { endpoint: 'responses', json: referenced }))).toMatchObject({
      use: false,
    });
    // Stored by default: a new stored response must come from a provider.
    expect(
      cacheDecision(on, req({}, { endpoint: 'responses', json: { model: 'm', input: 'x' } })),
    ).toMatchObject({ use: false });
    expect(
      cacheDecision(on, req({}, { endpoint: 'responses', json: { model: 'm', input: 'x', store: false } })),
    ).toMatchObject({ use: true });
  });

  it('refuses malformed header values with a 400 naming the header', () => {
    for (const [name, value] of [
      ['x-gateway-cache-ttl', 'soon'],
      ['cf-aig-cache-ttl', '-5'],
      ['x-gateway-cache-ttl', '1.5'],
      ['x-gateway-cache-ttl', '99999999999'],
      ['x-gateway-skip-cache', 'perhaps'],
    ] as const) {
      let error: unknown;
      try {
        cacheDecision(on, req({ [name]: value }));
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(400);
      expect((error as GatewayError).message).toContain(name);
    }
  });
});
