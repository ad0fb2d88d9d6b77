// Owns storing synthetic records inside workerd through the log consumer's own storage function.

import type { Env } from '../../worker/env';
import { storeRecords } from '../../worker/logging/consumer';
import { syntheticRecords } from './records';

/** The consumer stores what the Queue delivers: batches of at most 100 messages. */
const BATCH = 100;

export default {
  /** `POST /load?from=&count=&total=&start=&span=`: stores records [from, from+count) of `total`. */
  async fetch(request: Request, env: Env): Promise<Response> {
    const q = new URL(request.url).searchParams;
    const num = (name: string) => Number(q.get(name) ?? Number.NaN);
    const [from, count, total, start, span] = ['from', 'count', 'total', 'start', 'span'].map(num);
    if (![from, count, total, start, span].every(Number.isFinite))
      return new Response('bad query', { status: 400 });
    let stored = 0;
    let batch = [];
    for (let i = from as number; i < (from as number) + (count as number); i++) {
      batch.push(...syntheticRecords(i, total as number, start as number, span as number));
      if (batch.length >= BATCH) {
        await storeRecords(env, batch);
        stored += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) {
      await storeRecords(env, batch);
      stored += batch.length;
    }
    return Response.json({ stored });
  },
} satisfies ExportedHandler<Env>;
