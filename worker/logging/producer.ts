// Owns handing finished records to the log queue: large bodies to R2 first, retries, and a direct fallback.
import type { Env } from '../env';
import { sleep } from '../lib/timing';
import { storeRecords } from './consumer';
import { detailKey, type LogMessage } from './record';

/** Queue messages are capped at 128 KB; past this the detail goes to R2 and the message carries its key. */
const INLINE_LIMIT = 100 * 1024;
const BATCH_BYTES = 200 * 1024;
const encoder = new TextEncoder();

async function fitMessage(env: Env, msg: LogMessage): Promise<{ msg: LogMessage; size: number }> {
  let size = encoder.encode(JSON.stringify(msg)).byteLength;
  if (size <= INLINE_LIMIT) return { msg, size };
  let next = msg;
  if (msg.detail) {
    const key = detailKey(msg.request_time, msg.trace_id, msg.id);
    await env.LOG_BUCKET.put(key, JSON.stringify(msg.detail), {
      httpMetadata: { contentType: 'application/json' },
    });
    next = { ...msg, detail: null, detail_r2_key: key };
  }
  size = encoder.encode(JSON.stringify(next)).byteLength;
  if (size > INLINE_LIMIT) {
    // Only the estimation texts can still be large: keep a sample and let the consumer scale it up.
    const input = next.estimate_input;
    next = {
      ...next,
      estimate_input: input
        ? { ...input, text: input.text.slice(0, 8192), scale: input.scale * (input.text.length / 8192 || 1) }
        : null,
      estimate_output: next.estimate_output
        ? { ...next.estimate_output, text: next.estimate_output.text.slice(0, 8192) }
        : null,
    };
    size = encoder.encode(JSON.stringify(next)).byteLength;
  }
  return { msg: next, size };
}

async function send(env: Env, batch: LogMessage[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await env.LOG_QUEUE.sendBatch(batch.map((body) => ({ body, contentType: 'json' as const })));
      return;
    } catch (err) {
      if (attempt >= 2) {
        // The queue is down: store directly rather than lose the records.
        console.warn('log queue unavailable; storing records directly', err);
        await storeRecords(env, batch);
        return;
      }
      await sleep(100 * 2 ** attempt);
    }
  }
}

/** Sends the records of one request, batched under the queue's size limits. */
export async function produceLogs(env: Env, messages: LogMessage[]): Promise<void> {
  let batch: LogMessage[] = [];
  let bytes = 0;
  for (const original of messages) {
    const { msg, size } = await fitMessage(env, original);
    if (batch.length > 0 && (bytes + size > BATCH_BYTES || batch.length >= 100)) {
      await send(env, batch);
      batch = [];
      bytes = 0;
    }
    batch.push(msg);
    bytes += size;
  }
  if (batch.length > 0) await send(env, batch);
}
