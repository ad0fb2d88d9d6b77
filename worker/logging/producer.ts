// Owns handing finished records to the log queue: large bodies to R2 first, batched sends, a direct fallback.
import type { Env } from '../env';
import { sleep } from '../lib/timing';
import { storeRecords } from './consumer';
import { encodeDetail } from './detail-codec';
import { detailKey, type LogMessage } from './record';

/** Queue messages are capped at 128 KB; past this the detail goes to R2 and the message carries its key. */
const INLINE_LIMIT = 100 * 1024;
/** A sendBatch carries at most 100 messages and 256 KB. */
const BATCH_BYTES = 200 * 1024;
const BATCH_COUNT = 100;
/** How long records wait to be sent together with other requests' records. */
export const SEND_FLUSH_MS = 50;
const encoder = new TextEncoder();
/** Every UTF-16 unit is at most 3 UTF-8 bytes: a message under the limit fits in this buffer. */
const scratch = new Uint8Array(3 * INLINE_LIMIT);

interface Fitted {
  msg: LogMessage;
  /** The message as JSON: serialized once, sent as text. */
  text: string;
  size: number;
}

/**
 * The UTF-8 size the Queue limits count (a CJK character is 3 bytes but 1 string unit). Exact for any
 * text that could fit a message, counted natively into a reused buffer; a longer text is over the
 * limit whatever it holds (bytes ≥ units), and is reported as at least that.
 */
export function utf8Size(text: string): number {
  if (text.length > INLINE_LIMIT) return text.length;
  return encoder.encodeInto(text, scratch).written;
}

function serialized(msg: LogMessage): Fitted {
  const text = JSON.stringify(msg);
  return { msg, text, size: utf8Size(text) };
}

/** A cheap upper bound of the detail's size, so a big one is serialized once, for R2, not twice. */
function detailChars(msg: LogMessage): number {
  const d = msg.detail;
  if (!d) return 0;
  return (
    (d.request_body?.length ?? 0) +
    (d.converted_request?.length ?? 0) +
    (d.upstream_response?.length ?? 0) +
    (d.client_response?.length ?? 0)
  );
}

async function fitMessage(env: Env, msg: LogMessage): Promise<Fitted> {
  if (detailChars(msg) < INLINE_LIMIT / 2) {
    const first = serialized(msg);
    if (first.size <= INLINE_LIMIT) return first;
  }
  let next = msg;
  if (msg.detail) {
    const key = detailKey(msg.request_time, msg.id);
    await env.LOG_BUCKET.put(key, encodeDetail(msg.detail), {
      httpMetadata: { contentType: 'application/json' },
    });
    next = { ...msg, detail: null, detail_r2_key: key };
  }
  const second = serialized(next);
  if (second.size <= INLINE_LIMIT) return second;
  // Only the estimation texts can still be large: keep a sample and let the consumer scale it up.
  const input = next.estimate_input;
  return serialized({
    ...next,
    estimate_input: input
      ? { ...input, text: input.text.slice(0, 8192), scale: input.scale * (input.text.length / 8192 || 1) }
      : null,
    estimate_output: next.estimate_output
      ? { ...next.estimate_output, text: next.estimate_output.text.slice(0, 8192) }
      : null,
  });
}

async function send(env: Env, batch: Fitted[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await env.LOG_QUEUE.sendBatch(batch.map((f) => ({ body: f.text, contentType: 'text' as const })));
      return;
    } catch (err) {
      if (attempt >= 2) {
        // The queue is down: store directly rather than lose the records.
        console.warn('log queue unavailable; storing records directly', err);
        await storeRecords(
          env,
          batch.map((f) => f.msg),
        );
        return;
      }
      await sleep(100 * 2 ** attempt);
    }
  }
}

interface Outbox {
  items: Fitted[];
  bytes: number;
  flush: Promise<void> | null;
}

const outboxes = new WeakMap<object, Outbox>();

function take(box: Outbox): Fitted[] {
  const items = box.items;
  box.items = [];
  box.bytes = 0;
  return items;
}

/**
 * Sends the records of one request. Records of requests finishing close together share one
 * sendBatch (within SEND_FLUSH_MS, under the batch limits); the request that schedules a flush waits
 * for it, so some request's waitUntil always covers every queued record.
 */
export async function produceLogs(env: Env, messages: LogMessage[]): Promise<void> {
  const fitted = await Promise.all(messages.map((m) => fitMessage(env, m)));
  let box = outboxes.get(env.LOG_QUEUE);
  if (!box) {
    box = { items: [], bytes: 0, flush: null };
    outboxes.set(env.LOG_QUEUE, box);
  }
  const sends: Promise<void>[] = [];
  for (const f of fitted) {
    if (box.items.length > 0 && (box.bytes + f.size > BATCH_BYTES || box.items.length >= BATCH_COUNT)) {
      sends.push(send(env, take(box)));
    }
    box.items.push(f);
    box.bytes += f.size;
  }
  // Only the request that schedules the flush waits for it (see queueOutcomes in balancer/report-buffer):
  // its waitUntil keeps the isolate up until every record queued before the flush has been sent.
  if (!box.flush) {
    const current = box;
    current.flush = sleep(SEND_FLUSH_MS).then(() => {
      current.flush = null;
      return current.items.length > 0 ? send(env, take(current)) : undefined;
    });
    sends.push(current.flush);
  }
  await Promise.all(sends);
}
