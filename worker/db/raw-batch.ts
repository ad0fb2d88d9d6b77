// Owns running drizzle statements as one D1 batch directly: drizzle's batch cannot bind raw `sql` statements.
import type { SQLiteRaw } from 'drizzle-orm/sqlite-core/query-builders/raw';

/** Anything drizzle can render to SQL text and parameters. */
export type Renderable = { toSQL(): { sql: string; params: unknown[] } } | SQLiteRaw<unknown>;

function render(q: Renderable): { sql: string; params: unknown[] } {
  return 'getQuery' in q ? q.getQuery() : q.toSQL();
}

/**
 * Runs the statements in one D1 batch (one transaction, in order, on one connection — which is what
 * lets a statement read `changes()` of the one before it). Results are D1's, unmapped.
 */
export function rawBatch(d1: D1Database, queries: Renderable[]): Promise<D1Result[]> {
  return d1.batch(
    queries.map((q) => {
      const { sql, params } = render(q);
      return d1.prepare(sql).bind(...params);
    }),
  );
}
