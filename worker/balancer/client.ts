// Owns the proxy's side of the balancer: planning from the isolate's replica, and syncing it with the object.
import type { Settings } from '../env';
import { type AttemptOutcome, DEFAULT_HEALTH_CONFIG, type HealthConfig, healthConfig } from './health';
import { BalancerReplica } from './replica';
import { type PlanRequest, type ReplicaSync, replicaSyncSchema } from './schemas';

/** How long a cold isolate waits for its first sync before planning without shared health. */
export const DEFAULT_PLAN_DEADLINE_MS = 100;
export const DEFAULT_SYNC_MS = 1000;

export interface PlannedAttempts {
  /** Link ids in attempt order. */
  order: number[];
  /** The link placed first as a half-open probe; report its outcome with `probe: true`. */
  probe: number | null;
  /** True when the replica had no health from the object (never synced, or older than a window). */
  fallback: boolean;
  reason?: string;
}

export interface PlanOptions {
  /** How long a cold isolate waits for its first sync (BALANCER_DEADLINE_MS). */
  deadlineMs?: number;
  /** How old the replica may get before a background refresh (BALANCER_SYNC_MS). */
  syncMs?: number;
  health?: HealthConfig;
  /** Keeps a background refresh alive past the response (the request's `waitUntil`). */
  waitUntil?: (work: Promise<unknown>) => void;
  clock?: () => number;
}

/** The slice of the `BALANCER` binding the client needs (tests can hand in a fake). */
export interface BalancerBinding {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): { sync(outcomes: AttemptOutcome[]): Promise<ReplicaSync> };
}

export interface BalancerEnv {
  BALANCER: BalancerBinding;
}

const healthBySettings = new WeakMap<Settings, HealthConfig>();

/** The replica options from the validated settings; `waitUntil` keeps a background refresh alive. */
export function balancerOptions(settings: Settings, waitUntil: PlanOptions['waitUntil']): PlanOptions {
  let health = healthBySettings.get(settings);
  if (!health) {
    health = healthConfig(settings);
    healthBySettings.set(settings, health);
  }
  return { deadlineMs: settings.BALANCER_DEADLINE_MS, syncMs: settings.BALANCER_SYNC_MS, health, waitUntil };
}

/** Models an isolate keeps replicas of; past this the least recently added goes (it re-syncs when used). */
const MAX_REPLICAS = 1000;
const replicas = new WeakMap<object, Map<string, BalancerReplica>>();

/** The isolate's replica of a model's state, or undefined when this isolate never planned for it. */
export function existingReplica(binding: BalancerBinding, model: string): BalancerReplica | undefined {
  return replicas.get(binding)?.get(model);
}

function replicaFor(binding: BalancerBinding, model: string, health: HealthConfig): BalancerReplica {
  let models = replicas.get(binding);
  if (!models) {
    models = new Map();
    replicas.set(binding, models);
  }
  let replica = models.get(model);
  if (!replica) {
    if (models.size >= MAX_REPLICAS) models.delete(models.keys().next().value as string);
    replica = new BalancerReplica(health);
    models.set(model, replica);
  }
  return replica;
}

/**
 * One call to the model's object: sends outcomes (none for a refresh), applies the answer to this
 * isolate's replica when it has one. Throws when the object fails or answers something malformed.
 */
export async function exchange(
  env: BalancerEnv,
  model: string,
  outcomes: AttemptOutcome[],
  clock: () => number = Date.now,
): Promise<void> {
  const reply = await env.BALANCER.get(env.BALANCER.idFromName(model)).sync(outcomes);
  const parsed = replicaSyncSchema.safeParse(reply);
  if (!parsed.success) throw new TypeError('balancer returned a malformed sync');
  existingReplica(env.BALANCER, model)?.apply(parsed.data, clock());
}

/** A background refresh, shared by every request that finds the replica stale; never throws. */
function refresh(
  env: BalancerEnv,
  model: string,
  replica: BalancerReplica,
  clock: () => number,
): Promise<void> {
  replica.attemptedAt = clock();
  replica.syncing ??= exchange(env, model, [], clock)
    .catch((err: unknown) => console.warn('balancer: sync failed', { model, error: errorMessage(err) }))
    .finally(() => {
      replica.syncing = null;
    });
  return replica.syncing;
}

/**
 * Orders one request's attempts from the isolate's replica of the model's balancer state. A warm
 * isolate never waits on the object: when the replica is older than `syncMs` it is refreshed in the
 * background (`waitUntil`) and this request plans from what is known. A cold isolate waits for its
 * first sync once, at most `deadlineMs`; if that fails, it plans without shared health (rotating,
 * marked `fallback`) and retries in the background. With fewer than two candidates there is nothing
 * to balance and no replica is kept.
 */
export async function planAttempts(
  env: BalancerEnv,
  model: string,
  request: PlanRequest,
  options: PlanOptions = {},
): Promise<PlannedAttempts> {
  const clock = options.clock ?? Date.now;
  if (request.candidates.length < 2) {
    return { order: request.candidates.map((c) => c.id), probe: null, fallback: false };
  }
  const health = options.health ?? DEFAULT_HEALTH_CONFIG;
  const syncMs = options.syncMs ?? DEFAULT_SYNC_MS;
  let reason: string | undefined;
  let replica: BalancerReplica;
  try {
    replica = replicaFor(env.BALANCER, model, health);
  } catch (err) {
    return { ...new BalancerReplica(health).plan(request, clock()), fallback: true, reason: failed(err) };
  }
  const now = clock();
  if (replica.syncedAt === null && replica.attemptedAt === null) {
    reason = await firstSync(env, model, replica, options.deadlineMs ?? DEFAULT_PLAN_DEADLINE_MS, clock);
  } else if (!replica.isFresh(now, syncMs) && (replica.attemptedAt ?? 0) <= now - syncMs) {
    options.waitUntil?.(refresh(env, model, replica, clock));
  }
  const at = clock();
  const plan = replica.plan(request, at);
  if (reason) return { ...plan, fallback: true, reason };
  if (!replica.isFresh(at, health.windowMs))
    return { ...plan, fallback: true, reason: 'balancer state unavailable; planning without shared health' };
  return { ...plan, fallback: false };
}

/** The cold isolate's one wait; returns why it failed, or undefined. Its own call, never another request's. */
async function firstSync(
  env: BalancerEnv,
  model: string,
  replica: BalancerReplica,
  deadlineMs: number,
  clock: () => number,
): Promise<string | undefined> {
  replica.attemptedAt = clock();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let late = false;
  try {
    const call = exchange(env, model, [], clock);
    call.catch((err: unknown) => {
      if (late) console.warn('balancer: sync failed after its deadline', { model, error: errorMessage(err) });
    });
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deadlineMs);
    });
    if ((await Promise.race([call, deadline])) === 'timeout') {
      late = true;
      return `balancer did not answer within ${deadlineMs} ms`;
    }
    return undefined;
  } catch (err) {
    return failed(err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reports outcomes to the model's object and refreshes this isolate's replica with the answer; meant
 * for `waitUntil`. Failures are logged, not thrown.
 */
export async function reportOutcomes(
  env: BalancerEnv,
  model: string,
  outcomes: AttemptOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  try {
    await exchange(env, model, outcomes);
  } catch (err) {
    console.warn('balancer: report failed', { model, outcomes: outcomes.length, error: errorMessage(err) });
  }
}

function failed(err: unknown): string {
  return `balancer failed: ${errorMessage(err)}`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
