// Owns the attempt loop: each candidate once, same-provider retries for transient failures, one deadline.
import type { Settings } from '../env';
import { sleep } from '../lib/timing';
import type { Candidate } from '../routing/types';
import {
  type AttemptContext,
  type AttemptFailure,
  type AttemptSuccess,
  prepareAttempt,
  runAttempt,
} from './attempt';
import type { Bridge } from './bridge';
import type { ProxyRequest } from './request';

/** Retry-After values up to this are waited out on the same provider; longer ones move on. */
export const SHORT_RETRY_AFTER_MS = 2000;

export interface Planned {
  candidate: Candidate;
  bridge: Bridge;
}

export interface FailedAttempt {
  candidate: Candidate;
  ctx: AttemptContext | null;
  failure: AttemptFailure;
  startedAt: number;
  endedAt: number;
}

export type ExecuteResult =
  | {
      ok: true;
      success: AttemptSuccess;
      ctx: AttemptContext;
      startedAt: number;
      failed: FailedAttempt[];
    }
  | { ok: false; failed: FailedAttempt[]; deadlineHit: boolean };

type Decision = { action: 'retry'; delayMs: number } | { action: 'next' } | { action: 'stop' };

function jitter(ms: number): number {
  return Math.round(ms * (0.75 + Math.random() * 0.5));
}

/** What to do after a failed try: wait and retry the same provider, move on, or stop (client gone). */
export function decide(f: AttemptFailure, tries: number, config: Settings): Decision {
  if (f.kind === 'aborted') return { action: 'stop' };
  if (f.kind === 'conversion' || f.kind === 'redirect' || f.kind === 'blocked') return { action: 'next' };
  const canRetry = tries < config.RETRY_MAX_ATTEMPTS;
  const cooling = f.status === 429 || f.status === 503 || f.status === 529;
  if (cooling && f.retryAfterMs !== null) {
    return canRetry && f.retryAfterMs <= SHORT_RETRY_AFTER_MS
      ? { action: 'retry', delayMs: f.retryAfterMs + jitter(50) }
      : { action: 'next' };
  }
  const transient = f.kind === 'timeout' || f.kind === 'connect' || f.status >= 500;
  if (transient && canRetry) return { action: 'retry', delayMs: jitter(config.RETRY_DELAY_MS) };
  return { action: 'next' };
}

/** Runs the planned candidates in order until one commits, the deadline passes or all fail. */
export async function execute(
  req: ProxyRequest,
  plan: Planned[],
  settings: Settings,
): Promise<ExecuteResult> {
  const deadline = req.receivedAt + settings.REQUEST_DEADLINE_MS;
  const failed: FailedAttempt[] = [];
  for (const { candidate, bridge } of plan) {
    let tries = 0;
    for (;;) {
      const startedAt = Date.now();
      const budgetMs = deadline - startedAt;
      if (budgetMs <= 0) return { ok: false, failed, deadlineHit: true };
      const ctx = await prepareAttempt(req, candidate, bridge, budgetMs, settings.ALLOW_PRIVATE_IP_PROVIDER);
      const result = 'ok' in ctx ? ctx : await runAttempt(ctx, startedAt);
      if (result.ok) return { ok: true, success: result, ctx: ctx as AttemptContext, startedAt, failed };
      tries++;
      failed.push({
        candidate,
        ctx: 'ok' in ctx ? null : ctx,
        failure: result,
        startedAt,
        endedAt: Date.now(),
      });
      const decision = decide(result, tries, settings);
      if (decision.action === 'stop') return { ok: false, failed, deadlineHit: false };
      if (decision.action === 'retry' && Date.now() + decision.delayMs < deadline) {
        await sleep(decision.delayMs);
        continue;
      }
      break;
    }
  }
  return { ok: false, failed, deadlineHit: false };
}
