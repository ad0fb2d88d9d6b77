// Index diet: every analytics and list query is served by an index (EXPLAIN QUERY PLAN), never a table scan.
import { env } from 'cloudflare:workers';
import { and, eq, gte, inArray, lt, sql, sum } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../../worker/db/client';
import { attemptsOfTrace } from '../../../worker/db/queries/log-detail';
import { requestWhere } from '../../../worker/db/queries/log-filters';
import { listRequestLogs, listStatements } from '../../../worker/db/queries/log-list';
import {
  byModelQuery,
  histogramQuery,
  outcomeRollups,
  type RollupFilter,
  requestRollups,
  trendQuery,
} from '../../../worker/db/queries/rollup-read';
import { logRollups, requestLogs } from '../../../worker/db/schema';

const db = createDb(env.DB);
const t = requestLogs;
const NOW = Date.UTC(2024, 6, 1);
const filter: RollupFilter = { grain: 60, start: NOW - 86_400_000, end: NOW, apiKeyId: 3, model: 'm' };

async function plan(q: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql: text, params } = q.toSQL();
  const { results } = await env.DB.prepare(`explain query plan ${text}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join('\n');
}

/**
 * No step reads a table row by row without an index, nor builds an automatic index over it (a full
 * scan per query: `a` is the list's alias of request_logs).
 */
function expectIndexed(p: string, what: string) {
  expect(p, `${what}:\n${p}`).not.toMatch(/^SCAN (request_logs|log_rollups)$/m);
  expect(p, `${what}:\n${p}`).not.toMatch(/SCAN (request_logs|log_rollups)(?! USING)/);
  expect(p, `${what}:\n${p}`).not.toMatch(/(request_logs|log_rollups|a) USING AUTOMATIC/);
}

describe('query plans over request_logs and log_rollups', () => {
  it('the log list: first page, a keyset page, a time range and a trace lookup use the time or primary-key index', async () => {
    const cases = {
      'first page': db
        .select()
        .from(t)
        .where(requestWhere({}))
        .orderBy(sql`request_time desc, id desc`)
        .limit(20),
      'keyset page': db
        .select()
        .from(t)
        .where(and(requestWhere({}), sql`(${t.requestTime}, ${t.id}) < (${NOW}, ${'x'})`))
        .orderBy(sql`request_time desc, id desc`)
        .limit(20),
      'time range': db
        .select()
        .from(t)
        .where(requestWhere({ start: NOW - 3_600_000, end: NOW, model: 'm' }))
        .orderBy(sql`request_time desc, id desc`)
        .limit(20),
      'trace lookup': db
        .select()
        .from(t)
        .where(requestWhere({ traceId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })),
      'attempts of a trace': db
        .select()
        .from(t)
        .where(attemptsOfTrace('f47ac10b-58cc-4372-a567-0e02b2c3d479')),
      'retention chunk': db
        .select({ rowid: sql`rowid` })
        .from(t)
        .where(lt(t.requestTime, NOW))
        .orderBy(t.requestTime)
        .limit(5000),
    };
    for (const [what, q] of Object.entries(cases)) expectIndexed(await plan(q), what);
    expect(await plan(cases['time range'])).toMatch(
      /USING INDEX rl_time_idx \(request_time>\? AND request_time<\?\)/,
    );
    expect(await plan(cases['trace lookup'])).toMatch(
      /USING INDEX sqlite_autoindex_request_logs_1|PRIMARY KEY/,
    );
  });

  it('the list statements as the API runs them (page, capped total, attempts) use indexes', async () => {
    const base = { sortBy: 'request_time' as const, sortOrder: 'desc' as const, limit: 20, offset: 0 };
    const queries = {
      'first page': { ...base, filter: {} },
      'keyset page': { ...base, filter: {}, after: { time: NOW - 3_600_000, id: 'x' } },
      'by model': { ...base, filter: { model: 'm' } },
      'by key, last day': { ...base, filter: { apiKeyId: 3, start: NOW - 86_400_000, end: NOW } },
    };
    for (const [name, q] of Object.entries(queries)) {
      const [page, total, attempts] = listStatements(db, q);
      expectIndexed(await plan(page), `${name} / page`);
      expectIndexed(await plan(attempts), `${name} / attempts`);
      // The total may walk the table, but only until TOTAL_CAP + 1 rows matched (the LIMIT inside).
      const counted = await plan(total);
      expect(counted, `${name} / total:\n${counted}`).toMatch(/^CO-ROUTINE matching$/m);
      expect(total.toSQL().sql).toMatch(/limit \?\)/i);
    }
  });

  it('the list query as the API runs it (page, capped total, attempts) answers over real rows', async () => {
    const r = await listRequestLogs(db, {
      filter: {},
      sortBy: 'request_time',
      sortOrder: 'desc',
      limit: 5,
      offset: 0,
    });
    expect(Array.isArray(r.rows)).toBe(true);
  });

  it('every statistics query reads the rollups by their primary key range', async () => {
    const cases = {
      trend: trendQuery(db, requestRollups(filter), { sizeMs: 3_600_000, offsetMs: 0 }),
      'by model (cost)': byModelQuery(db, requestRollups(filter), 'request_model', 'cost'),
      'by model (tokens)': byModelQuery(db, requestRollups(filter), 'provider_model', 'tokens'),
      'latency histogram': histogramQuery(db, 'total_time_hist', requestRollups(filter)),
      'call health histogram': histogramQuery(db, 'first_byte_hist', outcomeRollups(filter), [
        sql`${logRollups.providerId}`,
        sql`${logRollups.requestedModel}`,
      ]),
      'key month to date': db
        .select({ id: logRollups.apiKeyId, cost: sum(logRollups.totalCost) })
        .from(logRollups)
        .where(
          and(
            eq(logRollups.grain, 60),
            gte(logRollups.bucketStart, NOW - 30 * 86_400_000),
            eq(logRollups.kind, 'request'),
            inArray(logRollups.apiKeyId, [1, 2, 3]),
          ),
        )
        .groupBy(logRollups.apiKeyId),
    };
    for (const [what, q] of Object.entries(cases)) {
      const p = await plan(q);
      expectIndexed(p, what);
      expect(p, what).toMatch(
        /SEARCH log_rollups USING INDEX sqlite_autoindex_log_rollups_1 \(grain=\? AND bucket_start[<>]/,
      );
    }
  });
});
