import { describe, expect, it } from 'vitest';
import { type CacheEntry, decodeEntry, encodeEntry, isFresh } from '../../../worker/cache/entry';
import { splitSseEvents } from '../../../worker/lib/sse';

const entry = (over: Partial<CacheEntry> = {}): CacheEntry => ({
  protocol: 'anthropic',
  upstreamPath: '/v1/messages',
  stream: true,
  status: 200,
  contentType: 'text/event-stream',
  body: new TextEncoder().encode(
    'event: message_stop\ndata: {"type":"message_stop","note":"line\\nbreak"}\n\n',
  ),
  createdAt: 1_000_000,
  ttlSeconds: 60,
  traceId: 'trace-1',
  linkId: 3,
  providerName: 'claude',
  targetModel: 'claude-x',
  ...over,
});

describe('a stored answer', () => {
  it('round-trips through its byte format unchanged, raw body bytes included', () => {
    const bin = new Uint8Array([0, 10, 255, 10, 13]);
    for (const e of [
      entry(),
      entry({ stream: false, body: bin, protocol: 'openai', upstreamPath: '/v1/embeddings' }),
    ]) {
      expect(decodeEntry(encodeEntry(e))).toEqual(e);
    }
  });

  it('reads bytes it did not write, or a cut-short entry, as nothing', () => {
    const bytes = encodeEntry(entry());
    expect(decodeEntry(bytes.subarray(0, bytes.length - 3))).toBeNull();
    expect(decodeEntry(new TextEncoder().encode('not an entry'))).toBeNull();
    expect(decodeEntry(new TextEncoder().encode('{"v":2}\nbody'))).toBeNull();
  });

  it('is fresh for the shorter of its own TTL and the one the request accepts', () => {
    const e = entry({ createdAt: 0, ttlSeconds: 60 });
    expect(isFresh(e, 600, 59_000)).toBe(true);
    expect(isFresh(e, 600, 61_000)).toBe(false);
    expect(isFresh(e, 10, 11_000)).toBe(false);
    expect(isFresh(e, 10, -500)).toBe(true);
  });
});

describe('a stored stream cut into its events', () => {
  it('keeps every byte, each event with the blank line that ends it', () => {
    const text = 'data: a\n\nevent: x\r\ndata: b\r\n\r\n: comment\ndata: c\n\ndata: tail';
    const parts = splitSseEvents(text);
    expect(parts).toEqual([
      'data: a\n\n',
      'event: x\r\ndata: b\r\n\r\n',
      ': comment\ndata: c\n\n',
      'data: tail',
    ]);
    expect(parts.join('')).toBe(text);
  });
});
