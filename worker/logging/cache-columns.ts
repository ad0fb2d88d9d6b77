// Owns the response cache's columns of an index row: its status, and a HIT's cost moved to the money it saved.
import type { RequestLogInsert } from '../db/schema';
import type { LogMessage } from './record';

/**
 * A HIT bought nothing from a provider: no cost and no tokens count against it (budgets and token
 * limits see zero), and what the answer would have cost is kept as `saved_cost`. It still is a
 * request, so request counts and rate limits include it.
 */
export function withCacheColumns(msg: LogMessage, row: RequestLogInsert): RequestLogInsert {
  const status = msg.cache_status ?? null;
  if (status !== 'HIT') return { ...row, cacheStatus: status, savedCost: null };
  return {
    ...row,
    cacheStatus: status,
    savedCost: row.totalCost ?? null,
    inputCost: 0,
    outputCost: 0,
    cachedInputCost: 0,
    totalCost: 0,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    totalTokens: null,
    usageSource: null,
  };
}
