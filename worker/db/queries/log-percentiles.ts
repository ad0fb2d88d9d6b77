// Owns exact percentiles in SQL: nearest-rank p50/p95/p99 per group, computed with window functions.
import { and, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { requestLogs } from '../schema';

export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface PercentileInput {
  value: AnySQLiteColumn;
  where: SQL | undefined;
  /** Plain columns to group by (at most two); none computes one overall row. */
  groups?: [AnySQLiteColumn] | [AnySQLiteColumn, AnySQLiteColumn];
}

/** Nearest rank of percentile `p` among `n` sorted values, 1-based: ceil(n·p/100) in integer arithmetic. */
function rankAt(n: SQL, p: 50 | 95 | 99): SQL {
  // `p` is one of three code constants, never input; inlined because D1 binds numbers as REAL,
  // which would turn this into a fractional division.
  return sql`(${n} * ${sql.raw(String(p))} + 99) / 100`;
}

/**
 * Exact nearest-rank percentiles of a column over the rows matching `where` (nulls ignored). SQLite
 * sorts each partition once and only three values per group come back. Partitions are plain columns,
 * not expressions: sorting on computed keys measured about a third slower on 100k rows.
 */
export function percentileQuery(db: Db, input: PercentileInput) {
  const [c1, c2] = input.groups ?? [];
  const g1 = c1 ? sql`${c1}` : sql`null`;
  const g2 = c2 ? sql`${c2}` : sql`null`;
  const cols = [c1, c2].filter((c): c is AnySQLiteColumn => c !== undefined);
  const partition = cols.length > 0 ? sql`partition by ${sql.join(cols, sql`, `)}` : sql``;
  const ranked = db
    .select({
      g1: sql<string | null>`${g1}`.as('g1'),
      g2: sql<string | null>`${g2}`.as('g2'),
      v: sql<number>`${input.value}`.as('v'),
      rn: sql<number>`row_number() over (${partition} order by ${input.value})`.as('rn'),
      n: sql<number>`count(*) over (${partition})`.as('n'),
    })
    .from(requestLogs)
    .where(and(input.where, isNotNull(input.value)))
    .as('ranked');
  const at = (p: 50 | 95 | 99) =>
    sql<number | null>`max(case when ${ranked.rn} = ${rankAt(sql`${ranked.n}`, p)} then ${ranked.v} end)`;
  return db
    .select({
      g1: ranked.g1,
      g2: ranked.g2,
      count: sql<number>`max(${ranked.n})`,
      p50: at(50),
      p95: at(95),
      p99: at(99),
    })
    .from(ranked)
    .groupBy(sql`${ranked.g1}`, sql`${ranked.g2}`);
}

/** A group's key in the maps built from percentile rows; null and absent groups are the same key. */
export function groupKey(g1: unknown, g2: unknown): string {
  return JSON.stringify([g1 ?? null, g2 ?? null]);
}

type PercentileRow = Percentiles & { g1: unknown; g2: unknown };

/** Percentile rows keyed by their group. */
export function byGroup(rows: PercentileRow[]): Map<string, Percentiles> {
  return new Map(
    rows.map((r) => [groupKey(r.g1, r.g2), { count: r.count, p50: r.p50, p95: r.p95, p99: r.p99 }]),
  );
}
