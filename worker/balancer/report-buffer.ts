// Owns batching balancer reports: outcomes from many requests reach each model's object in one call.
import { type BalancerEnv, existingReplica, reportOutcomes } from './client';
import type { AttemptOutcome } from './health';

/**
 * How long outcomes wait to be sent together; the object's health is at most this much behind, and
 * every flush also refreshes the sending isolate's replica.
 */
export const REPORT_FLUSH_MS = 50;
const MAX_PER_CALL = 100;

interface Buffer {
  pending: Map<string, AttemptOutcome[]>;
  flush: Promise<void> | null;
}

const buffers = new WeakMap<object, Buffer>();

async function flush(env: BalancerEnv, buffer: Buffer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, REPORT_FLUSH_MS));
  const batches = [...buffer.pending];
  buffer.pending = new Map();
  buffer.flush = null;
  await Promise.all(
    batches.flatMap(([model, outcomes]) => {
      const calls: Promise<void>[] = [];
      for (let i = 0; i < outcomes.length; i += MAX_PER_CALL) {
        calls.push(reportOutcomes(env, model, outcomes.slice(i, i + MAX_PER_CALL)));
      }
      return calls;
    }),
  );
}

/**
 * Queues a request's outcomes for its model's balancer. Returns the flush when this call scheduled
 * it (the caller hands it to `waitUntil`), else a settled promise. Under load this turns one Durable
 * Object call per request into a few per second per model.
 */
export function queueOutcomes(env: BalancerEnv, model: string, outcomes: AttemptOutcome[]): Promise<void> {
  let buffer = buffers.get(env.BALANCER);
  if (!buffer) {
    buffer = { pending: new Map(), flush: null };
    buffers.set(env.BALANCER, buffer);
  }
  if (outcomes.length === 0) return Promise.resolve();
  // This isolate acts on its own Retry-After answers at once; the others hear of them from the object.
  existingReplica(env.BALANCER, model)?.observe(outcomes, Date.now());
  const list = buffer.pending.get(model);
  if (list) list.push(...outcomes);
  else buffer.pending.set(model, [...outcomes]);
  // Only the request that schedules the flush waits for it: a request awaiting a promise made in
  // another request's context risks having its continuation cancelled by the runtime. The scheduling
  // request's waitUntil keeps the isolate up until everything queued so far has been sent.
  if (buffer.flush) return Promise.resolve();
  buffer.flush = flush(env, buffer);
  return buffer.flush;
}
