// Owns reading where a persisted local D1 database's bytes are (tables and indexes), with SQLite's dbstat.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

function sqliteFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sqliteFiles(full));
    else if (entry.name.endsWith('.sqlite')) out.push(full);
  }
  return out;
}

/** Bytes per table and index of the largest SQLite file under `dir` (the D1 database); [] if none. */
export function sqliteBreakdown(dir: string): { name: string; bytes: number }[] {
  const files = sqliteFiles(dir).sort((a, b) => statSync(b).size - statSync(a).size);
  const file = files[0];
  if (!file) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare('select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc')
      .all() as { name: string; bytes: number }[];
  } finally {
    db.close();
  }
}
