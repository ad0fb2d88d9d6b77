// Owns the log list query: one page of client requests, their total, and their failed attempts.
import { asc, count, desc, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { type RequestLogRow, requestLogs } from '../schema';
import { type LogFilter, requestWhere } from './log-filters';

const t = requestLogs;

/** The columns a list may be sorted by; user input only ever selects a key of this table. */
export const LOG_SORT_COLUMNS = {
  request_time: t.requestTime,
  total_time_ms: t.totalTimeMs,
  first_byte_delay_ms: t.firstByteDelayMs,
  input_tokens: t.inputTokens,
  output_tokens: t.outputTokens,
  total_tokens: t.totalTokens,
  total_cost: t.totalCost,
  response_status: t.responseStatus,
  retry_count: t.retryCount,
  requested_model: t.requestedModel,
  target_model: t.targetModel,
  provider_name: t.providerName,
  api_key_name: t.apiKeyName,
  user_id: t.userId,
} as const;

export type LogSortKey = keyof typeof LOG_SORT_COLUMNS;

export interface LogListQuery {
  filter: LogFilter;
  sortBy: LogSortKey;
  sortOrder: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface LogListResult {
  rows: RequestLogRow[];
  total: number;
  /** Failed attempts of the page's requests by trace id, in attempt order. */
  attempts: Map<string, RequestLogRow[]>;
}

/** One page of requests, the filtered total and the page's attempts, in one D1 round trip. */
export async function listRequestLogs(db: Db, q: LogListQuery): Promise<LogListResult> {
  const where = requestWhere(q.filter);
  const dir = q.sortOrder === 'asc' ? asc : desc;
  // Ties fall back to time then id, so pages never overlap or skip rows.
  const order =
    q.sortBy === 'request_time'
      ? [dir(t.requestTime), dir(t.id)]
      : [dir(LOG_SORT_COLUMNS[q.sortBy]), dir(t.requestTime), dir(t.id)];
  const pageTraces = db
    .select({ traceId: t.traceId })
    .from(t)
    .where(where)
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset);
  const [rows, totals, attemptRows] = await db.batch([
    db
      .select()
      .from(t)
      .where(where)
      .orderBy(...order)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(t).where(where),
    // Kind is checked below, not here: with it in SQL the planner walks every attempt row
    // through rl_kind_time_idx instead of looking the page's traces up in rl_trace_idx.
    db
      .select()
      .from(t)
      .where(inArray(t.traceId, pageTraces))
      .orderBy(asc(t.attemptIndex), asc(t.requestTime)),
  ]);
  const attempts = new Map<string, RequestLogRow[]>();
  for (const a of attemptRows) {
    if (a.kind !== 'attempt') continue;
    const list = attempts.get(a.traceId);
    if (list) list.push(a);
    else attempts.set(a.traceId, [a]);
  }
  return { rows, total: totals[0]?.n ?? 0, attempts };
}
