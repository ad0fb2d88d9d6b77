// Owns what a limited request is told: `x-ratelimit-*` headers, and refusals with their `retry-after`.
import { GatewayError } from '../errors';
import type { Admitted, Refusal } from './lease';
import { formatReset, retryAfterSeconds } from './windows';

/** The headers of the tightest request window and token window among the scopes (OpenAI's names). */
export function limitHeaders(scopes: readonly Admitted[], now: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of ['requests', 'tokens'] as const) {
    let best: { limit: number; remaining: number; resetMs: number } | null = null;
    for (const s of scopes) {
      const limit = kind === 'requests' ? s.lease.limits.rpm : s.lease.limits.tpm;
      if (limit === null) continue;
      const view = s.lease.remaining(kind, now);
      if (!best || view.remaining < best.remaining) best = view;
    }
    if (!best) continue;
    out[`x-ratelimit-limit-${kind}`] = String(best.limit);
    out[`x-ratelimit-remaining-${kind}`] = String(best.remaining);
    out[`x-ratelimit-reset-${kind}`] = formatReset(best.resetMs);
  }
  return out;
}

function money(usd: number): string {
  return `$${Number(usd.toFixed(6))}`;
}

const PERIOD_TEXT = { day: 'per day', month: 'per month', total: 'in total' } as const;

/** The refusal of one scope as the error the proxy renders in the caller's envelope. */
export function refusalError(
  scope: Admitted,
  refusal: Refusal,
  scopes: readonly Admitted[],
  now: number,
): GatewayError {
  const l = scope.lease.limits;
  const seconds = retryAfterSeconds(refusal.retryAfterMs);
  const headers: Record<string, string> = { ...limitHeaders(scopes, now), 'retry-after': String(seconds) };
  if (refusal.kind === 'budget') {
    const budget = `${money(l.budgetUsd ?? 0)} ${PERIOD_TEXT[l.budgetPeriod]}`;
    if (refusal.spent) {
      // Nothing changes until the period ends: tell SDKs not to retry (they honour x-should-retry).
      headers['x-should-retry'] = 'false';
      if (l.budgetPeriod === 'total') delete headers['retry-after'];
      return new GatewayError('budget_exceeded', `The budget of ${scope.label} (${budget}) is spent`, {
        headers,
      });
    }
    return new GatewayError(
      'budget_exceeded',
      `The budget of ${scope.label} (${budget}) is spent or reserved by requests in flight; retry after ${seconds} s`,
      { headers },
    );
  }
  const what =
    refusal.kind === 'rate'
      ? `${l.rpm} requests per minute`
      : refusal.kind === 'tokens'
        ? `${l.tpm} tokens per minute`
        : `${l.concurrency} requests in flight at once`;
  return new GatewayError(
    'rate_limit_exceeded',
    `Rate limit reached for ${scope.label}: ${what}. Retry after ${seconds} s`,
    { headers },
  );
}
