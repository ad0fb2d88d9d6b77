// Drives the limiter the way the proxy does, from several "instances" (one LimiterClient each) over one object.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { type Admission, admit, type FailMode } from '../../../worker/limits/admission';
import { LimiterClient } from '../../../worker/limits/client';
import type { Limiter } from '../../../worker/limits/durable-object';
import type { ScopeLimits } from '../../../worker/limits/types';

/** A mid-minute instant: tests pin limiter clocks to it so no window ends while they run. */
export const PINNED = Date.parse('2026-03-05T10:00:20Z');

let nextKey = 900_000 + Math.floor(Math.random() * 50_000) * 10;
/** A key id no other test uses (scopes are named after it). */
export function freshKeyId(): number {
  nextKey += 1;
  return nextKey;
}

export function limiterStub(name: string) {
  const ns = env.LIMITER as DurableObjectNamespace<Limiter>;
  return ns.get(ns.idFromName(name));
}

/** Pins a limiter object's clock (the instances keep real time: replies carry relative durations). */
export async function pinClock(name: string, at = PINNED): Promise<void> {
  await runInDurableObject(limiterStub(name), (instance: Limiter) => {
    instance.clock = () => at;
  });
}

/** One simulated instance: its own client (own leases, own isolate id) and its background work. */
export class Instance {
  readonly client: LimiterClient;
  readonly background: Promise<unknown>[] = [];

  constructor(deadlineMs = 2000, clock?: () => number) {
    this.client = new LimiterClient(env.LIMITER as never, { deadlineMs, clock });
  }

  admit(
    keyId: number,
    key: ScopeLimits,
    opts: { worstUsd?: number; tokens?: number; failMode?: FailMode } = {},
  ) {
    return admit(
      {
        client: this.client,
        failMode: opts.failMode ?? 'default',
        waitUntil: (p) => this.background.push(p),
      },
      {
        keyId,
        keyName: `key ${keyId}`,
        keyLimits: { key, user: null, allowedModels: null },
        userId: null,
        model: 'm',
        modelLimits: null,
        estimate: () => ({ inputTokens: opts.tokens ?? 10, worstUsd: opts.worstUsd ?? 0 }),
      },
    );
  }

  async settled(): Promise<void> {
    await Promise.allSettled(this.background);
  }
}

export const limits = (l: Partial<ScopeLimits>): ScopeLimits => ({
  rpm: null,
  tpm: null,
  concurrency: null,
  budgetUsd: null,
  budgetPeriod: 'month',
  ...l,
});

/** Admits, or returns the refusal's code (what the proxy would answer). */
export async function tryAdmit(run: () => Promise<Admission | null>): Promise<Admission | string> {
  try {
    const a = await run();
    if (!a) throw new Error('nothing limited the request');
    return a;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** Creates a gateway key with these limit fields and pins its limiter's clock; returns its id and value. */
export async function limitedKey(fields: Record<string, unknown>): Promise<{ id: number; key: string }> {
  const { admin, unique } = await import('./http');
  const res = await admin.post('/api-keys', { key_name: unique('limited'), ...fields });
  if (res.status !== 201) throw new Error(`key: ${res.text}`);
  const id = res.json.id as number;
  await pinClock(`key:${id}`);
  return { id, key: res.json.key_value as string };
}
