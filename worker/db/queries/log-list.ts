// Owns the log list query: one page of client requests (keyset or offset), their total, and their failed attempts.
import { asc, count, desc, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { type RequestLogRow, requestLogs } from '../schema';
import { rowTrace } from './log-detail';
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

/** Where the next page of a time-ordered list starts: the last row's time and id. */
export interface LogCursor {
  time: number;
  id: string;
}

export interface LogListQuery {
  filter: LogFilter;
  sortBy: LogSortKey;
  sortOrder: 'asc' | 'desc';
  limit: number;
  /** Keyset pagination (time order only): the rows after this one. Offset is then ignored. */
  after?: LogCursor;
  offset: number;
}

/** Counting stops here: a filter that only the time index can walk would otherwise count every row. */
export const TOTAL_CAP = 10_000;

export interface LogListResult {
  rows: RequestLogRow[];
  /** The filtered count, at most TOTAL_CAP (then `totalCapped`). */
  total: number;
  totalCapped: boolean;
  /** Failed attempts of the page's requests by trace id, in attempt order. */
  attempts: Map<string, RequestLogRow[]>;
  /** The cursor of the page after this one (time order), or null at the end. */
  next: LogCursor | null;
}

function pageQuery(db: Db, q: LogListQuery) {
  const dir = q.sortOrder === 'asc' ? asc : desc;
  const timeOrder = q.sortBy === 'request_time';
  // Ties fall back to time then id, so pages never overlap or skip rows.
  const order = timeOrder
    ? [dir(t.requestTime), dir(t.id)]
    : [dir(LOG_SORT_COLUMNS[q.sortBy]), dir(t.requestTime), dir(t.id)];
  let where = requestWhere(q.filter);
  if (timeOrder && q.after) {
    const past =
      q.sortOrder === 'asc'
        ? sql`(${t.requestTime}, ${t.id}) > (${q.after.time}, ${q.after.id})`
        : sql`(${t.requestTime}, ${t.id}) < (${q.after.time}, ${q.after.id})`;
    where = where ? (sql`${where} and ${past}` as SQL) : past;
  }
  const offset = timeOrder && q.after ? 0 : q.offset;
  return db
    .select()
    .from(t)
    .where(where)
    .orderBy(...order)
    .limit(q.limit)
    .offset(offset);
}

/**
 * The ids of the failed attempts of the page's requests. New ids are `<trace>.<n>` (one primary-key
 * range per request: `/` sorts just after `.`); rows of older versions join through the legacy trace index.
 */
function attemptIds(db: Db, q: LogListQuery): SQL {
  const page = pageQuery(db, q).getSQL();
  // `+a.kind`: without it SQLite builds an automatic index over every attempt row of the table
  // (a full scan, ~0.3 s at 1M rows) instead of reading each request's primary-key range.
  return sql`select a.id from (${page}) p join ${t} a on a.id > p.id || '.' and a.id < p.id || '/'
    where +a.kind = 'attempt'
    union all
    select a.id from (${page}) p join ${t} a on a.trace_id = p.trace_id
    where p.trace_id is not null and +a.kind = 'attempt'`;
}

/** The three statements of a list call: the page, the capped total, the page's attempts. */
export function listStatements(db: Db, q: LogListQuery) {
  return [
    pageQuery(db, q),
    db.select({ n: count() }).from(
      db
        .select({ one: sql`1`.as('one') })
        .from(t)
        .where(requestWhere(q.filter))
        .limit(TOTAL_CAP + 1)
        .as('matching'),
    ),
    db
      .select()
      .from(t)
      .where(sql`${t.id} in (${attemptIds(db, q)})`),
  ] as const;
}

/** One page of requests, the filtered total and the page's attempts, in one D1 round trip. */
export async function listRequestLogs(db: Db, q: LogListQuery): Promise<LogListResult> {
  const [rows, totals, attemptRows] = await db.batch(listStatements(db, q));
  const attempts = new Map<string, RequestLogRow[]>();
  for (const a of attemptRows.sort((x, y) => (x.attemptIndex ?? 0) - (y.attemptIndex ?? 0))) {
    const trace = rowTrace(a);
    const list = attempts.get(trace);
    if (list) list.push(a);
    else attempts.set(trace, [a]);
  }
  const last = rows.at(-1);
  const next =
    q.sortBy === 'request_time' && last && rows.length === q.limit
      ? { time: last.requestTime, id: last.id }
      : null;
  const counted = totals[0]?.n ?? 0;
  return { rows, total: Math.min(counted, TOTAL_CAP), totalCapped: counted > TOTAL_CAP, attempts, next };
}
