// Owns the words of governance: the limits of a scope (key, user under a key, model) and budget periods.

export const BUDGET_PERIODS = ['day', 'month', 'total'] as const;
/** UTC calendar windows: a day, a month, or no reset at all. */
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** The limits one limiter object enforces; each `null` is unlimited. */
export interface ScopeLimits {
  /** Requests per UTC calendar minute. */
  rpm: number | null;
  /** Input + output tokens per UTC calendar minute. */
  tpm: number | null;
  /** Requests in flight at once. */
  concurrency: number | null;
  budgetUsd: number | null;
  budgetPeriod: BudgetPeriod;
}

/** What a gateway key carries into the proxy: its own limits, the per-user ones and the allow-list. */
export interface KeyLimits {
  /** The key's own scope, or null when only users or the allow-list are limited. */
  key: ScopeLimits | null;
  /** Applied to each distinct `x-user-id` under the key, or null. */
  user: ScopeLimits | null;
  /** Requested model names (`*` suffix wildcards), or null for every model. */
  allowedModels: string[] | null;
}

/** The limit columns of a key row, as stored. */
export interface KeyLimitColumns {
  rpmLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  budgetUsd: number | null;
  budgetPeriod: BudgetPeriod | null;
  allowedModels: string[] | null;
  userRpmLimit: number | null;
  userBudgetUsd: number | null;
}

/** A model's limits across every key, or null when it has none. */
export interface ModelLimits {
  rpm: number | null;
  tpm: number | null;
}

function scope(limits: ScopeLimits): ScopeLimits | null {
  const any =
    limits.rpm !== null || limits.tpm !== null || limits.concurrency !== null || limits.budgetUsd !== null;
  return any ? limits : null;
}

/**
 * The limits of a key row, or null when it has none: a key without limits must cost nothing on the hot
 * path, so callers test this one value and skip governance entirely.
 */
export function keyLimitsOf(row: KeyLimitColumns): KeyLimits | null {
  const period = row.budgetPeriod ?? 'month';
  const key = scope({
    rpm: row.rpmLimit,
    tpm: row.tpmLimit,
    concurrency: row.concurrencyLimit,
    budgetUsd: row.budgetUsd,
    budgetPeriod: period,
  });
  const user = scope({
    rpm: row.userRpmLimit,
    tpm: null,
    concurrency: null,
    budgetUsd: row.userBudgetUsd,
    budgetPeriod: period,
  });
  const allowedModels = row.allowedModels && row.allowedModels.length > 0 ? row.allowedModels : null;
  if (!key && !user && !allowedModels) return null;
  return { key, user, allowedModels };
}

/** A model's limits as a scope (rates only), or null. */
export function modelScopeLimits(limits: ModelLimits | null): ScopeLimits | null {
  if (!limits || (limits.rpm === null && limits.tpm === null)) return null;
  return { rpm: limits.rpm, tpm: limits.tpm, concurrency: null, budgetUsd: null, budgetPeriod: 'month' };
}
