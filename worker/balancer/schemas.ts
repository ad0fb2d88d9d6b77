// Owns the balancer's RPC contract: input schemas (zod, checked inside the Durable Object) and result types.
import { z } from 'zod';
import type { PlanCandidate } from '../routing/plan-types';
import type { Strategy } from '../routing/types';
import type { AttemptOutcome, LinkHealth } from './health';

/** What the proxy asks the balancer to order for one request. */
export interface PlanRequest {
  strategy: Strategy;
  /** Eligible candidates in canonical order (`eligibleCandidates` → `planCandidate`). */
  candidates: PlanCandidate[];
}

/** A plan: link ids in attempt order, and the link sent as a half-open probe, if any. */
export interface PlanResult {
  order: number[];
  probe: number | null;
}

/** Health of one link that is not plainly healthy, as a replica plans from it. */
export interface ReplicaLink {
  linkId: number;
  degraded: boolean;
  failureRate: number;
  /** Epoch ms until which Retry-After asked to stay away; null when not cooling down. */
  cooldownUntil: number | null;
}

/** What the object hands an isolate's replica: the links to avoid, and a probe granted to this caller. */
export interface ReplicaSync {
  links: ReplicaLink[];
  probe: number | null;
}

/** Health of one link, as the admin model detail shows it. Times are epoch ms. */
export interface LinkHealthSnapshot {
  linkId: number;
  degraded: boolean;
  sampleCount: number;
  failureCount: number;
  failureRate: number;
  cooldownUntil: number | null;
  lastProbeAt: number | null;
  nextProbeAt: number | null;
}

export interface BalancerSnapshot {
  windowMs: number;
  minSamples: number;
  failureRateThreshold: number;
  /** Only links the balancer has heard about recently, by id. */
  links: LinkHealthSnapshot[];
}

/** The Durable Object's RPC surface, as the `BALANCER` binding is typed (the class implements it). */
export interface BalancerRpc extends Rpc.DurableObjectBranded {
  /** Records outcomes (none for a plain refresh) and answers with the state replicas plan from. */
  sync(outcomes: AttemptOutcome[]): Promise<ReplicaSync>;
  snapshot(): BalancerSnapshot;
  reset(linkId?: number): Promise<void>;
}

const MAX_LINKS = 10_000;
const MAX_OUTCOMES = 100;
const id = z.number().int().nonnegative();

export const outcomesSchema = z
  .array(
    z.object({
      linkId: id,
      status: z.number().int().min(0).max(999),
      retryAfterMs: z.number().nonnegative().nullable().optional(),
      probe: z.boolean().optional(),
    }),
  )
  .max(MAX_OUTCOMES) satisfies z.ZodType<AttemptOutcome[]>;

export const resetSchema = id.optional();

/** A reply is checked by the isolate too: a bad one is a failed sync, never a broken plan. */
export const replicaSyncSchema = z.object({
  links: z
    .array(
      z.object({
        linkId: id,
        degraded: z.boolean(),
        failureRate: z.number().min(0).max(1),
        cooldownUntil: z.number().nullable(),
      }),
    )
    .max(MAX_LINKS),
  probe: id.nullable(),
}) satisfies z.ZodType<ReplicaSync>;

/** Parses an RPC argument; the error names the bad fields in one line, for the caller's fallback reason. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new TypeError(`invalid ${what}: ${detail}`);
}

/** Stored values are ours, but are checked on load so a shape change can never crash the object. */
export const storedLinkSchema = z.object({
  buckets: z.array(z.tuple([z.number(), z.number(), z.number()])),
  cooldownUntil: z.number().nullable(),
  nextProbeAt: z.number().nullable(),
  lastProbeAt: z.number().nullable(),
}) satisfies z.ZodType<LinkHealth>;
