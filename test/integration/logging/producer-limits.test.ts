// Queue limits counted in UTF-8 bytes, as production enforces them (Miniflare does not): 128 KB a
// message, 100 messages and 256 KB a sendBatch. CJK text is 3 bytes per character.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { produceLogs, utf8Size } from '../../../worker/logging/producer';
import { detail, record } from '../logs/fixtures';

const encoder = new TextEncoder();

/** A LOG_QUEUE that refuses what production would, and records what it accepted. */
function strictQueue() {
  const batches: number[][] = [];
  const queue = {
    async sendBatch(messages: Iterable<{ body: unknown }>) {
      const sizes = [...messages].map((m) => encoder.encode(String(m.body)).byteLength);
      if (sizes.length > 100) throw new Error('sendBatch: more than 100 messages');
      if (sizes.some((s) => s > 128 * 1024)) throw new Error('sendBatch: a message over 128 KB');
      if (sizes.reduce((a, b) => a + b, 0) > 256 * 1024) throw new Error('sendBatch: over 256 KB');
      batches.push(sizes);
    },
    async send() {
      throw new Error('not used');
    },
  };
  return { queue, batches };
}

const cjk = (bytes: number) => '漢'.repeat(Math.floor(bytes / 3));

describe('the log producer sizes messages in UTF-8 bytes', () => {
  it('counts a CJK character as three bytes', () => {
    expect(utf8Size('漢字')).toBe(6);
    expect(utf8Size('ab')).toBe(2);
    expect(utf8Size('😀')).toBe(4);
  });

  it('sends 20 CJK records of 46 KB in batches that all pass the 256 KB limit, none stored directly', async () => {
    const { queue, batches } = strictQueue();
    const warn = vi.spyOn(console, 'warn');
    const records = Array.from({ length: 20 }, () =>
      record({ detail: detail({ request_body: cjk(46 * 1024) }) }),
    );
    await produceLogs({ ...env, LOG_QUEUE: queue as unknown as Queue }, records);
    expect(batches.flat()).toHaveLength(20);
    for (const b of batches) expect(b.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(256 * 1024);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('storing records directly'))).toEqual([]);
    warn.mockRestore();
  });

  it('moves a CJK body that would pass 128 KB as bytes (though not as characters) to R2 first', async () => {
    const { queue, batches } = strictQueue();
    // 60k characters: under the limit counted as string units, 180 KB as UTF-8.
    const big = record({ detail: detail({ request_body: cjk(180 * 1024) }) });
    await produceLogs({ ...env, LOG_QUEUE: queue as unknown as Queue }, [big]);
    expect(batches.flat()).toHaveLength(1);
    expect(batches[0]![0]).toBeLessThanOrEqual(128 * 1024);
  });
});
