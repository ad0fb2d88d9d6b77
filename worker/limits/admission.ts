// Owns admitting one request against every scope that limits it, and what the admission owes afterwards.
import { GatewayError } from '../errors';
import { modelAllowed } from './allow-list';
import type { LimiterClient } from './client';
import type { Admitted, Need } from './lease';
import { limitHeaders, refusalError } from './refusal';
import type { KeyLimits, ScopeLimits } from './types';

/** `default`: budgets fail closed and rates open; `open` and `closed` apply to both. */
export type FailMode = 'default' | 'open' | 'closed';

export interface AdmissionRequest {
  keyId: number;
  keyName: string;
  keyLimits: KeyLimits | null;
  userId: string | null;
  model: string;
  modelLimits: ScopeLimits | null;
  /** Computed only when a scope limits tokens or money. */
  estimate: () => { inputTokens: number; worstUsd: number };
}

export interface AdmissionDeps {
  client: LimiterClient;
  failMode: FailMode;
  waitUntil: (p: Promise<unknown>) => void;
}

interface ScopeSpec {
  name: string;
  label: string;
  limits: ScopeLimits;
}

/** A cheap, stable 53-bit hash: user ids name limiter objects without appearing in them or in logs. */
export function userHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The limiter object names of a key's scopes (also what the admin usage view asks). */
export const scopeName = {
  key: (keyId: number) => `key:${keyId}`,
  user: (keyId: number, userId: string) => `user:${keyId}:${userHash(userId)}`,
  model: (model: string) => `model:${model}`,
};

function scopesOf(req: Omit<AdmissionRequest, 'estimate'>): ScopeSpec[] {
  const out: ScopeSpec[] = [];
  const k = req.keyLimits;
  if (k?.key) out.push({ name: scopeName.key(req.keyId), label: 'this API key', limits: k.key });
  if (k?.user && req.userId)
    out.push({ name: scopeName.user(req.keyId, req.userId), label: 'this user', limits: k.user });
  if (req.modelLimits)
    out.push({ name: scopeName.model(req.model), label: 'this model', limits: req.modelLimits });
  return out;
}

function needOf(limits: ScopeLimits, est: { inputTokens: number; worstUsd: number } | null): Need {
  return {
    request: limits.rpm !== null,
    tokens: limits.tpm !== null ? Math.max(1, est?.inputTokens ?? 0) : 0,
    slot: limits.concurrency !== null,
    // A free request still reserves a trace, so a spent budget refuses it too ("budget spent → 429").
    usd: limits.budgetUsd !== null ? Math.max(MIN_RESERVATION_USD, est?.worstUsd ?? 0) : 0,
    bucket: 0,
  };
}

/**
 * The `x-ratelimit-*` headers of a request refused before admission (bad body, missing model): what the
 * key's windows look like now, without counting the request.
 */
export function peekHeaders(client: LimiterClient, keyId: number, limits: KeyLimits, userId: string | null) {
  const specs = scopesOf({ keyId, keyName: '', keyLimits: limits, userId, model: '', modelLimits: null });
  const scopes = specs.map((s) => ({
    label: s.label,
    lease: client.lease(s.name, s.limits),
    need: needOf(s.limits, null),
  }));
  return limitHeaders(scopes, client.clock());
}

/** Whether a limiter that could not be asked lets this need through. */
function failsOpen(mode: FailMode, need: Need): boolean {
  if (mode === 'open') return true;
  if (mode === 'closed') return false;
  return need.usd <= 0;
}

const ROUNDS = 3;
const MIN_RESERVATION_USD = 1e-9;

/**
 * Admits the request or throws its refusal (429 rate/concurrency/budget, 403 model not allowed, 503
 * when a limiter that fails closed cannot be asked). Null when nothing limits it. A warm request whose
 * slices cover it is decided here from memory; the limiter is asked only for a new or exhausted slice.
 */
export async function admit(deps: AdmissionDeps, req: AdmissionRequest): Promise<Admission | null> {
  const allowed = req.keyLimits?.allowedModels;
  if (allowed && !modelAllowed(allowed, req.model)) {
    throw new GatewayError('model_not_allowed', `This API key may not use the model "${req.model}"`, {
      param: 'model',
    });
  }
  const specs = scopesOf(req);
  if (specs.length === 0) return null;
  const client = deps.client;
  const costly = specs.some((s) => s.limits.tpm !== null || s.limits.budgetUsd !== null);
  const est = costly ? req.estimate() : null;
  const scopes: Admitted[] = specs.map((s) => ({
    label: s.label,
    lease: client.lease(s.name, s.limits),
    need: needOf(s.limits, est),
  }));
  const forced = new Set<Admitted>();
  for (let round = 0; ; round++) {
    // Decided from memory in one synchronous pass: nothing can change between the checks and the takes.
    const waiting: Admitted[] = [];
    for (const s of scopes) {
      if (forced.has(s)) continue;
      const result = s.lease.check(s.need, client.clock(), round === ROUNDS);
      if (!result.ok && 'refusal' in result) throw refusalError(s, result.refusal, scopes, client.clock());
      if (!result.ok) waiting.push(s);
    }
    if (waiting.length === 0) break;
    const answers = await Promise.all(waiting.map((s) => client.check(s.lease, s.need)));
    answers.forEach((answer, i) => {
      const s = waiting[i] as Admitted;
      if (answer !== 'failed') {
        if (!answer.ok && 'refusal' in answer) throw refusalError(s, answer.refusal, scopes, client.clock());
        return;
      }
      if (!failsOpen(deps.failMode, s.need)) {
        throw new GatewayError('limiter_unavailable', `Limits for ${s.label} cannot be checked right now`, {
          headers: { 'retry-after': '1' },
        });
      }
      forced.add(s);
    });
  }
  const at = client.clock();
  for (const s of scopes) s.lease.commit(s.need, at);
  for (const s of scopes) client.refresh(s.lease, s.need, deps.waitUntil);
  return new Admission(deps, scopes);
}

/** What an admitted request owes: release on every exit, headers on every response, a settle record. */
export class Admission {
  private finished = false;
  private hit = false;
  private released = new Set<Admitted>();
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((resolve) => {
    this.resolveDone = resolve;
  });

  constructor(
    private readonly deps: AdmissionDeps,
    readonly scopes: Admitted[],
  ) {
    for (const s of scopes) {
      if (s.need.slot || s.need.usd > 0) deps.waitUntil(deps.client.watch(s.lease, this.done));
    }
  }

  /** The `x-ratelimit-*` headers of this request's tightest request and token windows. */
  headers(): Record<string, string> {
    return limitHeaders(this.scopes, this.deps.client.clock());
  }

  /**
   * Hook for a response served from cache: it counts as a request, but costs no budget and no tokens.
   * The reservation goes back to the slice at once (or, if already reported, settles at the logged 0).
   */
  cacheHit(): void {
    this.hit = true;
    for (const s of this.scopes) if (s.lease.releaseBudget(s.need)) this.released.add(s);
  }

  /** The request ended (any way): slots free, real tokens replace the estimate. Runs once. */
  finish(tokens: number | null): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveDone();
    const now = this.deps.client.clock();
    for (const s of this.scopes) {
      s.lease.finish(s.need, this.hit ? 0 : tokens, now);
      this.deps.waitUntil(this.deps.client.afterFinish(s.lease));
    }
  }

  /** What the log record carries so the consumer can settle the budget reservations at the real cost. */
  logFields(): { scopes: string[]; reserved_usd: number; bucket: number } | null {
    const holding = this.scopes.filter((s) => s.need.usd > 0 && !this.released.has(s));
    const first = holding[0];
    if (!first) return null;
    return {
      scopes: holding.map((s) => s.lease.name),
      reserved_usd: first.need.usd,
      bucket: first.need.bucket,
    };
  }
}
