// Owns the balancer's RPC contract: input schemas (zod, checked inside the Durable Object) and result types.
import { z } from 'zod';
import type { Cursor, PlanCandidate } from '../routing/plan-types';
import type { Strategy } from '../routing/types';
import type { AttemptOutcome, LinkHealth } from './health';

/** What the proxy asks the balancer to order for one request. */
export interface PlanRequest {
  strategy: Strategy;
  /** Eligible candidates in canonical order (`eligibleCandidates` → `planCandidate`). */
  candidates: PlanCandidate[];
}

/** The balancer's answer: link ids in attempt order, and the link sent as a half-open probe, if any. */
export interface PlanResult {
  order: number[];
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
  plan(input: PlanRequest): PlanResult;
  report(outcomes: AttemptOutcome[]): Promise<void>;
  snapshot(): BalancerSnapshot;
  reset(linkId?: number): Promise<void>;
}

const MAX_CANDIDATES = 1000;
const MAX_OUTCOMES = 100;
const id = z.number().int().nonnegative();

export const planRequestSchema = z.object({
  strategy: z.enum(['round_robin', 'priority', 'cost_first', 'weighted_random']),
  candidates: z
    .array(
      z.object({
        id,
        weight: z.number(),
        priority: z.number(),
        cost: z.number().nullable().optional(),
        pausedUntil: z.number().nullable(),
        affinity: z.boolean().optional(),
      }),
    )
    .max(MAX_CANDIDATES),
}) satisfies z.ZodType<PlanRequest>;

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

/** Parses an RPC argument; the error names the bad fields in one line, for the caller's fallback reason. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new TypeError(`invalid ${what}: ${detail}`);
}

/** Stored values are ours, but are checked on load so a shape change can never crash the object. */
export const storedCursorSchema = z.object({
  usedAt: z.number(),
  current: z.record(z.string(), z.number()),
}) satisfies z.ZodType<Cursor>;

export const storedLinkSchema = z.object({
  buckets: z.array(z.tuple([z.number(), z.number(), z.number()])),
  cooldownUntil: z.number().nullable(),
  nextProbeAt: z.number().nullable(),
  lastProbeAt: z.number().nullable(),
}) satisfies z.ZodType<LinkHealth>;
