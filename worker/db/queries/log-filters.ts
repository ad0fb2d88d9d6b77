// Owns the log filters: one typed filter object turned into drizzle conditions over request_logs.
import { and, eq, gte, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { requestLogs } from '../schema';

/** Every filter the log list and the statistics accept; absent fields do not filter. */
export interface LogFilter {
  /** Inclusive lower bound, epoch ms. */
  start?: number;
  /** Exclusive upper bound, epoch ms. */
  end?: number;
  traceId?: string;
  requestedModel?: string;
  /** Exact requested model. */
  model?: string;
  targetModel?: string;
  providerId?: number;
  statusMin?: number;
  statusMax?: number;
  hasError?: boolean;
  apiKeyId?: number;
  apiKeyName?: string;
  userId?: string;
  retryCountMin?: number;
  retryCountMax?: number;
  inputTokensMin?: number;
  inputTokensMax?: number;
  totalTimeMin?: number;
  totalTimeMax?: number;
  isStream?: boolean;
  /** What the response cache did for the request. */
  cacheStatus?: 'HIT' | 'MISS' | 'BYPASS';
}

const t = requestLogs;

/** Case-insensitive substring match; the needle stays a bound parameter, so `%` and `_` are literal. */
function contains(column: AnySQLiteColumn, needle: string): SQL {
  return sql`instr(lower(${column}), lower(${needle})) > 0`;
}

function range(column: AnySQLiteColumn, min?: number, max?: number): SQL[] {
  const out: SQL[] = [];
  if (min !== undefined) out.push(gte(column, min));
  if (max !== undefined) out.push(lte(column, max));
  return out;
}

/** True when a row failed: a status outside 200–399 or an error message. */
export const isErrorRow: SQL = sql`(${t.responseStatus} is null or ${t.responseStatus} < 200 or ${t.responseStatus} > 399 or coalesce(${t.errorMessage}, '') <> '')`;

function errorCondition(hasError: boolean): SQL {
  if (hasError) return isErrorRow;
  return and(
    gte(t.responseStatus, 200),
    lte(t.responseStatus, 399),
    or(isNull(t.errorMessage), eq(t.errorMessage, '')),
  ) as SQL;
}

/** The conditions of a filter, without the row kind (callers choose requests, attempts or both). */
export function filterConditions(f: LogFilter): SQL[] {
  const out: SQL[] = [];
  if (f.start !== undefined) out.push(gte(t.requestTime, f.start));
  if (f.end !== undefined) out.push(lt(t.requestTime, f.end));
  // A trace's request row has the trace id as its id (older rows carry it in trace_id); attempts `<trace>.<n>`.
  if (f.traceId !== undefined) {
    out.push(
      or(
        eq(t.id, f.traceId),
        sql`(${t.id} > ${`${f.traceId}.`} and ${t.id} < ${`${f.traceId}/`})`,
        eq(t.traceId, f.traceId),
      ) as SQL,
    );
  }
  if (f.requestedModel !== undefined) out.push(contains(t.requestedModel, f.requestedModel));
  if (f.model !== undefined) out.push(eq(t.requestedModel, f.model));
  if (f.targetModel !== undefined) out.push(contains(t.targetModel, f.targetModel));
  if (f.providerId !== undefined) out.push(eq(t.providerId, f.providerId));
  out.push(...range(t.responseStatus, f.statusMin, f.statusMax));
  if (f.hasError !== undefined) out.push(errorCondition(f.hasError));
  if (f.apiKeyId !== undefined) out.push(eq(t.apiKeyId, f.apiKeyId));
  if (f.apiKeyName !== undefined) out.push(contains(t.apiKeyName, f.apiKeyName));
  if (f.userId !== undefined) out.push(contains(t.userId, f.userId));
  out.push(...range(t.retryCount, f.retryCountMin, f.retryCountMax));
  out.push(...range(t.inputTokens, f.inputTokensMin, f.inputTokensMax));
  out.push(...range(t.totalTimeMs, f.totalTimeMin, f.totalTimeMax));
  if (f.isStream !== undefined) out.push(eq(t.isStream, f.isStream));
  if (f.cacheStatus !== undefined) out.push(eq(t.cacheStatus, f.cacheStatus));
  return out;
}

/** Client requests only (`kind = 'request'`) matching the filter. */
export function requestWhere(f: LogFilter): SQL | undefined {
  return and(eq(t.kind, 'request'), ...filterConditions(f));
}
