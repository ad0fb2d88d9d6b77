import { createMessageBatch } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consumeLogs } from '../../../worker/logging/consumer';
import { admin } from '../support/http';

describe('GET /api/admin/logs/dead-letters', () => {
  it('lists messages the consumer could not store, newest first, with a total', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const batch = createMessageBatch(
      'llm-gateway-logs',
      ids.map((id, i) => ({ id, timestamp: Date.now(), attempts: 1, body: { v: 1, id: `bad-record-${i}` } })),
    );
    await consumeLogs(batch, env);
    const first = await admin.get('/logs/dead-letters?page_size=2');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ total: 3, page: 1, page_size: 2 });
    const items = first.json.items as Record<string, unknown>[];
    expect(items.map((i) => i.message_id)).toEqual([ids[2], ids[1]]);
    expect(items[0]).toMatchObject({ record_id: 'bad-record-2', attempts: 1, trace_id: null });
    expect(items[0]!.error).toMatch(/^invalid log message/);
    expect(JSON.parse(items[0]!.body as string)).toEqual({ v: 1, id: 'bad-record-2' });
    expect(typeof items[0]!.received_at).toBe('string');
    const second = await admin.get('/logs/dead-letters?page_size=2&page=2');
    expect((second.json.items as Record<string, unknown>[]).map((i) => i.message_id)).toEqual([ids[0]]);
  });
});
