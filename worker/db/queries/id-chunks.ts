// Owns keeping `IN (…)` lists inside D1's limit of 100 bound parameters per statement.
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client';

/** Values per `IN` list: below D1's 100 bound parameters, with room for a statement's other ones. */
export const IDS_PER_STATEMENT = 90;

export function chunks<T>(items: readonly T[], size = IDS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs one statement per chunk of `values` in a single D1 batch and concatenates the rows: a page of
 * 1,000 keys or models becomes 12 statements in one round trip instead of one that D1 refuses.
 */
export async function selectByChunks<V, R>(
  db: Db,
  values: readonly V[],
  statement: (part: V[]) => BatchItem<'sqlite'> & PromiseLike<R[]>,
): Promise<R[]> {
  const [first, ...rest] = chunks(values).map(statement);
  if (!first) return [];
  const results = (await db.batch([first, ...rest])) as R[][];
  return results.flat();
}
