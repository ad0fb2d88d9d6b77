// Owns the proxy's side of the balancer: the fail-open Durable Object client, a memory balancer and a no-op.
import { planOrder } from '../routing/plan';
import { type AttemptOutcome, DEFAULT_HEALTH_CONFIG, type HealthConfig } from './health';
import type { PlanRequest, PlanResult } from './schemas';
import { BalancerCore } from './state';

/** How long the hot path waits for the Durable Object before planning locally. */
export const DEFAULT_PLAN_DEADLINE_MS = 50;

export interface PlannedAttempts {
  /** Link ids in attempt order. */
  order: number[];
  /** The link placed first as a half-open probe; report its outcome with `probe: true`. */
  probe: number | null;
  /** True when the Durable Object did not answer in time (or failed) and the order is static. */
  fallback: boolean;
  reason?: string;
}

export interface PlanOptions {
  deadlineMs?: number;
}

/** The balancer as the proxy uses it; each implementation below satisfies it. */
export interface Balancer {
  plan(model: string, request: PlanRequest, options?: PlanOptions): Promise<PlannedAttempts>;
  report(model: string, outcomes: AttemptOutcome[]): Promise<void>;
}

/** The slice of the `BALANCER` binding the client needs (tests can hand in a fake). */
export interface BalancerBinding {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): {
    plan(request: PlanRequest): Promise<PlanResult>;
    report(outcomes: AttemptOutcome[]): Promise<void>;
  };
}

export interface BalancerEnv {
  BALANCER: BalancerBinding;
}

/**
 * Plans one request's attempts through the model's Durable Object. Fails open: if the object throws,
 * answers with something that is not an ordering of the candidates, or is slower than the deadline
 * (50 ms by default), the order is planned locally on empty state and marked `fallback` with the reason.
 * With fewer than two candidates there is nothing to balance and the object is not called.
 */
export async function planAttempts(
  env: BalancerEnv,
  model: string,
  request: PlanRequest,
  options: PlanOptions = {},
): Promise<PlannedAttempts> {
  if (request.candidates.length < 2) return { ...staticPlan(request), fallback: false };
  const deadlineMs = options.deadlineMs ?? DEFAULT_PLAN_DEADLINE_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let late = false;
  try {
    const call = env.BALANCER.get(env.BALANCER.idFromName(model)).plan(request);
    call.catch((err: unknown) => {
      if (late) console.warn('balancer: plan failed after its deadline', { model, error: String(err) });
    });
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deadlineMs);
    });
    const result = await Promise.race([call, deadline]);
    if (result === 'timeout') {
      late = true;
      return {
        ...staticPlan(request),
        fallback: true,
        reason: `balancer did not answer within ${deadlineMs} ms`,
      };
    }
    if (!isOrderingOf(result.order, request)) {
      return { ...staticPlan(request), fallback: true, reason: 'balancer returned an invalid order' };
    }
    return { order: result.order, probe: result.probe, fallback: false };
  } catch (err) {
    return { ...staticPlan(request), fallback: true, reason: `balancer failed: ${errorMessage(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Reports outcomes to the model's Durable Object; meant for `waitUntil`. Failures are logged, not thrown. */
export async function reportOutcomes(
  env: BalancerEnv,
  model: string,
  outcomes: AttemptOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  try {
    await env.BALANCER.get(env.BALANCER.idFromName(model)).report(outcomes);
  } catch (err) {
    console.warn('balancer: report failed', { model, outcomes: outcomes.length, error: errorMessage(err) });
  }
}

/** The order the planner gives with no shared state: what the proxy uses when the balancer is away. */
export function staticPlan(request: PlanRequest, now = Date.now()): Omit<PlannedAttempts, 'fallback'> {
  const out = planOrder({
    strategy: request.strategy,
    candidates: request.candidates,
    state: { cursors: new Map(), links: new Map() },
    now,
  });
  return { order: out.order, probe: null };
}

/** The Durable Object balancer behind the `Balancer` interface. */
export function durableBalancer(env: BalancerEnv): Balancer {
  return {
    plan: (model, request, options) => planAttempts(env, model, request, options),
    report: (model, outcomes) => reportOutcomes(env, model, outcomes),
  };
}

/** A per-isolate balancer with the Durable Object's exact logic, for tests and single-process use. */
export function memoryBalancer(
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
  clock: () => number = Date.now,
  random: () => number = Math.random,
): Balancer {
  const models = new Map<string, BalancerCore>();
  const core = (model: string) => {
    let found = models.get(model);
    if (!found) {
      found = new BalancerCore(config, random);
      models.set(model, found);
    }
    return found;
  };
  return {
    plan: async (model, request) => ({ ...core(model).plan(request, clock()), fallback: false }),
    report: async (model, outcomes) => {
      core(model).report(outcomes, clock());
    },
  };
}

/** The no-op balancer: static order, outcomes dropped by design (no shared state to update). */
export const noopBalancer: Balancer = {
  plan: async (_model, request) => ({ ...staticPlan(request), fallback: false }),
  report: async () => {},
};

function isOrderingOf(order: unknown, request: PlanRequest): order is number[] {
  if (!Array.isArray(order)) return false;
  const ids = new Set(request.candidates.map((c) => c.id));
  return order.length === ids.size && order.every((id) => ids.delete(id));
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
