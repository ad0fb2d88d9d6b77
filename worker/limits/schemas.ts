// Owns the limiter's RPC contract: zod schemas checked inside the Durable Object, and the result types.
import { z } from 'zod';
import { BUDGET_PERIODS, type ScopeLimits } from './types';

const count = z.number().int().min(0).max(1e12);
const usd = z.number().min(0).max(1e12);
const limit = z.number().min(0).max(1e12).nullable();

export const scopeLimitsSchema = z.object({
  rpm: limit,
  tpm: limit,
  concurrency: limit,
  budgetUsd: limit,
  budgetPeriod: z.enum(BUDGET_PERIODS),
}) satisfies z.ZodType<ScopeLimits>;

const amounts = z.object({ requests: count, tokens: count, slots: count, usd });

/**
 * What one instance tells a scope's limiter and asks of it. Every number is a change since the last
 * sync that succeeded, except `held` and `inFlight`, which are the instance's own view now.
 */
export const syncSchema = z.object({
  isolate: z.string().min(8).max(64),
  /** Increases with every sync an instance sends to this scope; older ones never overwrite newer state. */
  seq: z.number().int().min(0),
  /** No other sync of this instance is in flight: `held` may replace what the limiter believes. */
  exclusive: z.boolean(),
  limits: scopeLimitsSchema,
  /** The minute (epoch ms) that `used`, `debt` and the rate part of `returned` belong to, if any. */
  window: z.number().int().nullable(),
  /** Consumed out of granted slices (reported so the usage view is current). */
  used: z.object({ requests: count, tokens: count }),
  /** Consumed beyond granted slices (admitted while failing open, or real tokens above the estimate). */
  debt: z.object({ requests: count, tokens: count }),
  /** Given back unused. */
  returned: amounts,
  /** Budget reserved out of the slice, by admission minute: from now on it awaits its settle. */
  reserved: z.array(z.object({ bucket: z.number().int(), usd })).max(100),
  held: z.object({ slots: count, usd }),
  inFlight: count,
  want: amounts,
  /** The smallest budget grant worth having: this request's worst case. */
  needUsd: usd,
});

export type SyncInput = z.infer<typeof syncSchema>;

export interface SyncResult {
  /** The limiter did not know this instance (new, or expired): drop what it believed it held. */
  reset: boolean;
  /** The current minute and how long it still runs (relative, so clock skew does not matter). */
  window: { start: number; endsInMs: number; requests: number; tokens: number };
  granted: { requests: number; tokens: number; slots: number; usd: number };
  budget: {
    periodStart: number;
    /** Null for a `total` budget. */
    endsInMs: number | null;
    spent: number;
    /** Reserved by requests awaiting their settle and by slices held by instances. */
    reserved: number;
  };
  /** Few slots are left: hold no spare ones and give slots back as soon as requests end. */
  tight: boolean;
  /** How long a held slice stays valid without another sync. */
  ttlMs: number;
}

/** One settle: the budget `reserved` at admission in `bucket` (a minute) and what it really `cost`. */
export const settleSchema = z
  .array(z.object({ bucket: z.number().int(), reserved: usd, cost: usd }))
  .max(100);

export type SettleItem = z.infer<typeof settleSchema>[number];

/** The usage of one scope as the admin API shows it. */
export interface ScopeUsage {
  limits: ScopeLimits | null;
  requestsThisMinute: number;
  tokensThisMinute: number;
  inFlight: number;
  spentUsd: number;
  reservedUsd: number;
  periodStart: number;
}

/** The limiter's RPC surface, as the `LIMITER` binding is typed (the class implements it). */
export interface LimiterRpc extends Rpc.DurableObjectBranded {
  sync(input: SyncInput): SyncResult;
  settle(items: SettleItem[]): void;
  usage(limits: ScopeLimits | null): ScopeUsage;
}

/** Parses an RPC argument; the error names the bad fields in one line. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new TypeError(`invalid ${what}: ${detail}`);
}
