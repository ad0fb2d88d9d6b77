// Owns the governance fields of API keys and models between the admin API and their rows.
import type { ApiKeyRow, ModelRow } from '../db/schema';
import type { BudgetPeriod } from '../limits/types';

/** The limit fields of a (partial) key input, as the API names them. */
export interface KeyLimitsInput {
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  concurrency_limit?: number | null;
  budget_usd?: number | null;
  budget_period?: BudgetPeriod | null;
  allowed_models?: string[] | null;
  user_rpm_limit?: number | null;
  user_budget_usd?: number | null;
}

type KeyLimitRow = Pick<
  ApiKeyRow,
  | 'rpmLimit'
  | 'tpmLimit'
  | 'concurrencyLimit'
  | 'budgetUsd'
  | 'budgetPeriod'
  | 'allowedModels'
  | 'userRpmLimit'
  | 'userBudgetUsd'
>;

/** The row fields a (partial) input sets; absent keys are left out, an empty allow-list is none. */
export function keyLimitsPatch(input: KeyLimitsInput): Partial<KeyLimitRow> {
  const out: Partial<KeyLimitRow> = {};
  if (input.rpm_limit !== undefined) out.rpmLimit = input.rpm_limit;
  if (input.tpm_limit !== undefined) out.tpmLimit = input.tpm_limit;
  if (input.concurrency_limit !== undefined) out.concurrencyLimit = input.concurrency_limit;
  if (input.budget_usd !== undefined) out.budgetUsd = input.budget_usd;
  if (input.budget_period !== undefined) out.budgetPeriod = input.budget_period;
  if (input.allowed_models !== undefined)
    out.allowedModels = input.allowed_models?.length ? [...new Set(input.allowed_models)] : null;
  if (input.user_rpm_limit !== undefined) out.userRpmLimit = input.user_rpm_limit;
  if (input.user_budget_usd !== undefined) out.userBudgetUsd = input.user_budget_usd;
  return out;
}

/** The limit fields of a key row as the API shows them (a budget without a period is monthly). */
export function keyLimitsView(row: KeyLimitRow) {
  return {
    rpm_limit: row.rpmLimit,
    tpm_limit: row.tpmLimit,
    concurrency_limit: row.concurrencyLimit,
    budget_usd: row.budgetUsd,
    budget_period: row.budgetPeriod ?? 'month',
    allowed_models: row.allowedModels,
    user_rpm_limit: row.userRpmLimit,
    user_budget_usd: row.userBudgetUsd,
  };
}

/** A model's limit fields as the API shows them. */
export function modelLimitsView(row: Pick<ModelRow, 'rpmLimit' | 'tpmLimit'>) {
  return { rpm_limit: row.rpmLimit, tpm_limit: row.tpmLimit };
}

/** The model row fields a (partial) input sets. */
export function modelLimitsPatch(input: { rpm_limit?: number | null; tpm_limit?: number | null }) {
  const out: Partial<Pick<ModelRow, 'rpmLimit' | 'tpmLimit'>> = {};
  if (input.rpm_limit !== undefined) out.rpmLimit = input.rpm_limit;
  if (input.tpm_limit !== undefined) out.tpmLimit = input.tpm_limit;
  return out;
}
