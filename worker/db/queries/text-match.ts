// Owns substring filters in admin lists: LIKE with the user's `%`, `_` and `\` taken literally.
import { type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Escapes LIKE's wildcards so a filter of `%` finds a literal percent sign, not every row. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%needle%' ESCAPE '\'`: case-insensitive for ASCII, as SQLite's LIKE is. */
export function containsText(column: AnySQLiteColumn, needle: string): SQL {
  return sql`${column} like ${`%${escapeLike(needle)}%`} escape '\\'`;
}
