// Owns GET /api/admin/api-keys/{id}/usage: a key's counts against each of its limits (SPEC §15).
import { and, eq, gte, sum } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { apiKeys, logRollups } from '../db/schema';
import { GatewayError } from '../errors';
import { scopeName } from '../limits/admission';
import type { ScopeUsage } from '../limits/schemas';
import { keyLimitsOf } from '../limits/types';
import { scopeUsage } from '../limits/usage-view';
import { periodStart } from '../limits/windows';
import { iso, pathId } from './http';

export const apiKeyUsageRoutes = new Hono<AppEnv>();

/** Month-to-date cost from the hourly rollups, for a key without a budget (a month starts on an hour). */
async function monthToDate(c: { get(k: 'db'): AppEnv['Variables']['db'] }, keyId: number, from: number) {
  const [row] = await c
    .get('db')
    .select({ cost: sum(logRollups.totalCost) })
    .from(logRollups)
    .where(
      and(
        eq(logRollups.grain, 60),
        gte(logRollups.bucketStart, from),
        eq(logRollups.kind, 'request'),
        eq(logRollups.apiKeyId, keyId),
      ),
    );
  return Number(row?.cost ?? 0);
}

/**
 * Counts come from the key's limiter (as of each instance's last sync, about a second behind), and only
 * for what is limited: a count the limiter does not keep is null. Without a budget, spend is the
 * month to date from the rollups.
 */
apiKeyUsageRoutes.get('/:id/usage', async (c) => {
  const id = pathId(c, 'api_key_not_found');
  const row = await c.get('db').select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!row) throw new GatewayError('api_key_not_found', `API key ${id} not found`);
  const limits = keyLimitsOf(row)?.key ?? null;
  const usage: ScopeUsage | null = limits
    ? await scopeUsage(c.env.LIMITER, scopeName.key(row.id), limits)
    : null;
  const period = row.budgetPeriod ?? 'month';
  const budget = row.budgetUsd;
  const start = budget === null ? periodStart('month', Date.now()) : (usage?.periodStart ?? 0);
  const spend = budget === null ? await monthToDate(c, row.id, start) : (usage?.spentUsd ?? 0);
  const reserved = usage?.reservedUsd ?? 0;
  return c.json({
    requests_this_minute: row.rpmLimit === null ? null : (usage?.requestsThisMinute ?? 0),
    tokens_this_minute: row.tpmLimit === null ? null : (usage?.tokensThisMinute ?? 0),
    in_flight: row.concurrencyLimit === null ? null : (usage?.inFlight ?? 0),
    spend_usd: spend,
    budget_usd: budget,
    budget_period: budget === null ? null : period,
    period_start: budget !== null && period === 'total' ? null : iso(new Date(start)),
    remaining_usd: budget === null ? null : Math.max(0, budget - spend - reserved),
    reserved_usd: budget === null ? null : reserved,
    rpm_limit: row.rpmLimit,
    tpm_limit: row.tpmLimit,
    concurrency_limit: row.concurrencyLimit,
  });
});
