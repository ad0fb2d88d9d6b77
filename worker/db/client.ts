// Owns the drizzle client over the D1 binding.
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = ReturnType<typeof createDb>;

/** A drizzle client for the D1 database. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
