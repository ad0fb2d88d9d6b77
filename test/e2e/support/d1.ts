// Reads the local D1 database of a running `wrangler dev` through `wrangler d1 execute`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** Runs a read-only SQL query against the local D1 in `persistDir` and returns its rows. */
export function queryD1<T>(persistDir: string, sql: string): T[] {
  const res = spawnSync(
    path.join(root, 'node_modules/.bin/wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', sql],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' }, maxBuffer: 256 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`d1 execute failed: ${res.stderr || res.stdout}`);
  const parsed = JSON.parse(res.stdout) as { results: T[] }[];
  return parsed[0]?.results ?? [];
}
