// Writes many request-log index rows straight into a local D1 (for the dashboard's 10,000-row check).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const wrangler = path.join(root, 'node_modules/.bin/wrangler');

const MODELS = ['seed-gpt', 'seed-claude', 'seed-mini', 'seed-embed'];
const PROVIDERS = ['seed-openai', 'seed-anthropic', 'seed-azure'];
const ROWS_PER_INSERT = 100;

const sql = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

/** One index row per request, spread over the last `spanMs`; 1 in 20 fails, 1 in 10 streams. */
function row(i: number, now: number, spanMs: number): string {
  const failed = i % 20 === 0;
  const input = 50 + ((i * 37) % 4000);
  const output = failed ? null : 10 + ((i * 13) % 800);
  const t = now - Math.floor((i / 10_000) * spanMs) - (i % 7) * 1000;
  const inputCost = Math.ceil((input * 2.5) / 100) / 10_000;
  const outputCost = output === null ? null : Math.ceil((output * 10) / 100) / 10_000;
  const values = [
    sql(`seed-${i}`),
    sql(`seed-trace-${i}`),
    sql('request'),
    'NULL',
    t,
    'NULL',
    sql('seed-key'),
    sql(`user-${i % 50}`),
    sql(MODELS[i % MODELS.length] ?? 'seed-gpt'),
    sql(`${MODELS[i % MODELS.length]}-upstream`),
    (i % PROVIDERS.length) + 1000,
    sql(PROVIDERS[i % PROVIDERS.length] ?? 'seed-openai'),
    'NULL',
    failed ? 1 : 0,
    2,
    20 + (i % 300),
    200 + (i % 3000),
    input,
    sql(output),
    0,
    0,
    0,
    input + (output ?? 0),
    sql('upstream'),
    inputCost,
    sql(outputCost),
    0,
    inputCost + (outputCost ?? 0),
    sql('ModelFallback'),
    failed ? 502 : 200,
    failed ? sql('upstream_error') : 'NULL',
    failed ? sql('seeded upstream failure') : 'NULL',
    i % 10 === 0 ? 1 : 0,
    sql('openai'),
    sql('openai'),
    sql('/v1/chat/completions'),
    0,
    'NULL',
    'NULL',
    0,
  ];
  return `(${values.join(',')})`;
}

const COLUMNS =
  'id,trace_id,kind,attempt_index,request_time,api_key_id,api_key_name,user_id,requested_model,target_model,' +
  'provider_id,provider_name,link_id,retry_count,matched_provider_count,first_byte_delay_ms,total_time_ms,' +
  'input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens,total_tokens,usage_source,' +
  'input_cost,output_cost,cached_input_cost,total_cost,price_source,response_status,error_type,error_message,' +
  'is_stream,request_protocol,supplier_protocol,request_path,balancer_fallback,' +
  'replay_of,r2_key,detail_expired';

/**
 * Inserts `count` request rows into the D1 of a `wrangler dev` state directory (idempotent per row id),
 * the way an older version stored them: straight into the index. The rollup backfill boundary is moved
 * past them, so `POST /api/admin/logs/rollups/backfill` counts them into the rollups.
 */
export function seedRequestLogs(persistDir: string, count: number, spanMs = 20 * 3_600_000): void {
  const now = Date.now();
  const statements: string[] = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + ROWS_PER_INSERT); i++) rows.push(row(i, now, spanMs));
    statements.push(`INSERT OR IGNORE INTO request_logs (${COLUMNS}) VALUES ${rows.join(',\n')};`);
  }
  statements.push(
    "UPDATE maintenance_state SET value = (SELECT max(rowid) FROM request_logs) WHERE name = 'rollup_backfill_until';",
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-seed-'));
  const file = path.join(dir, 'seed.sql');
  writeFileSync(file, statements.join('\n'));
  try {
    const res = spawnSync(
      wrangler,
      ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', file, '--yes'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } },
    );
    if (res.status !== 0) throw new Error(`seeding failed:\n${res.stdout}\n${res.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
