import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CacheEntry } from '../../../worker/cache/entry';
import { recall, remember, rememberedBytes } from '../../../worker/cache/memory';

const entry = (bytes: number, over: Partial<CacheEntry> = {}): CacheEntry => ({
  protocol: 'openai',
  upstreamPath: '/v1/chat/completions',
  stream: false,
  status: 200,
  contentType: 'application/json',
  body: new Uint8Array(bytes),
  createdAt: Date.now(),
  ttlSeconds: 60,
  traceId: 't',
  linkId: 1,
  providerName: 'p',
  targetModel: 'm',
  ...over,
});

afterEach(() => vi.useRealTimers());

describe('the isolate’s memory of recent answers', () => {
  it('answers a key it was given while the answer is fresh for the request', () => {
    const e = entry(100, { createdAt: Date.now() - 5000 });
    remember('k-fresh', e);
    expect(recall('k-fresh', 60)).toBe(e);
    expect(recall('k-other', 60)).toBeNull();
    // A request that accepts answers up to 2 s old does not get this 5 s old one.
    expect(recall('k-fresh', 2)).toBeNull();
    expect(recall('k-fresh', 10)).toBe(e);
  });

  it('forgets an answer past its own TTL', () => {
    vi.useFakeTimers();
    const e = entry(10, { createdAt: Date.now(), ttlSeconds: 1 });
    remember('k-ttl', e);
    vi.advanceTimersByTime(1500);
    expect(recall('k-ttl', 3600)).toBeNull();
  });

  it('keeps no answer too large for it, and stays within its budget by dropping the least recently used', () => {
    remember('k-huge', entry(600 * 1024));
    expect(recall('k-huge', 60)).toBeNull();
    const first = entry(400 * 1024);
    remember('k-first', first);
    for (let i = 0; i < 40; i++) {
      remember(`k-fill-${i}`, entry(400 * 1024));
      // Asking keeps the first one the most recently used, so it survives the others.
      expect(recall('k-first', 60)).toBe(first);
    }
    expect(rememberedBytes()).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(recall('k-fill-0', 60)).toBeNull();
    expect(recall('k-fill-39', 60)).not.toBeNull();
  });
});
