// Entry of `npm run load:analytics -- --rows N [--days D] [--age-days A]`: stores N synthetic requests
// through the log consumer's storage inside workerd, then times every analytics endpoint through the Worker
// and one retention run. `--age-days A` ends the load A days ago, so `--days 1 --age-days 1` makes a whole
// day of requests expire in that run.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorker } from '../bundle.ts';
import { applyMigrations, gatewayOptions } from '../gateway.ts';
import { startWorker } from '../miniflare-worker.ts';
import { cleanupAll, installSignalHandlers, removeAtExit } from '../processes.ts';
import { renderAnalytics, type Timing } from './report.ts';
import { sqliteBreakdown } from './sqlite-size.ts';

const DAY_MS = 86_400_000;
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rows: { type: 'string', default: '100000' },
    days: { type: 'string', default: '30' },
    'age-days': { type: 'string', default: '0' },
  },
});
const rows = Number(values.rows);
const days = Number(values.days);
const ageDays = Number(values['age-days']);
if (!Number.isInteger(rows) || rows < 1000 || !(days > 0) || !(ageDays >= 0)) {
  console.error('usage: npm run load:analytics -- --rows N (≥ 1000) [--days D] [--age-days A]');
  process.exit(2);
}
const started = performance.now();
const log = (m: string) =>
  console.error(`[analytics ${((performance.now() - started) / 1000).toFixed(0)}s] ${m}`);
installSignalHandlers();

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return /json/.test(res.headers.get('content-type') ?? '')
    ? (JSON.parse(text) as Record<string, unknown>)
    : {};
}

/** Median of three timed calls after a warm-up. */
async function time(name: string, url: string): Promise<Timing> {
  await json(url);
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await json(url);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, ms: Math.round((ms[1] as number) * 10) / 10 };
}

try {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-gateway-analytics-'));
  removeAtExit(dir);
  const options = gatewayOptions(await bundleWorker('gateway', dir));
  const loaderScript = await bundleWorker('analytics-loader', dir);
  const { d1Databases, r2Buckets, compatibilityDate, compatibilityFlags } = options;
  const loader = {
    name: 'analytics-loader',
    modules: true,
    scriptPath: loaderScript,
    modulesRoot: dir,
    compatibilityDate,
    compatibilityFlags,
    d1Databases,
    r2Buckets,
  };
  const persist = path.join(dir, 'state');
  const worker = await startWorker('gateway', options, { helpers: [loader], persistTo: persist });
  await applyMigrations(worker);
  const base = `${worker.url}/api/admin`;
  for (let k = 1; k <= 50; k++) {
    await json(`${base}/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key_name: `team-${k}` }),
    });
  }
  const now = Date.now();
  const span = days * DAY_MS;
  const start = now - span - ageDays * DAY_MS;
  const load = await worker.mf.getWorker('analytics-loader');
  const step = 20_000;
  const loadStarted = performance.now();
  for (let from = 0; from < rows; from += step) {
    const count = Math.min(step, rows - from);
    const res = await load.fetch(
      `http://loader/load?from=${from}&count=${count}&total=${rows}&start=${start}&span=${span}`,
      { method: 'POST' },
    );
    if (!res.ok) throw new Error(`load failed: ${await res.text()}`);
    if ((from / step) % 10 === 0) log(`stored ${from + count} of ${rows} requests`);
  }
  const loadS = (performance.now() - loadStarted) / 1000;
  const db = await worker.mf.getD1Database('DB');
  const stored = (await db.prepare('select count(*) as n from request_logs').first<{ n: number }>())?.n ?? 0;
  // D1 refuses PRAGMAs; every result reports the database's size, as the dashboard and billing see it.
  const probe = await db.prepare('select 1').run();
  const bytes = Number((probe.meta as { size_after?: number }).size_after ?? 0);
  // D1 refuses dbstat too; the persisted SQLite file says where the bytes are.
  const breakdown = sqliteBreakdown(persist);
  const tableBytes = breakdown
    .filter(
      (b) =>
        b.name === 'request_logs' || b.name.startsWith('rl_') || b.name === 'sqlite_autoindex_request_logs_1',
    )
    .reduce((n, b) => n + b.bytes, 0);
  log(`stored ${stored} rows in ${loadS.toFixed(0)} s; D1 ${(bytes / 1048576).toFixed(0)} MiB`);

  const stats = `${base}/logs/stats`;
  const deep = await db
    .prepare(
      "select request_time, id from request_logs where kind = 'request' order by request_time desc, id desc limit 1 offset ?",
    )
    .bind(Math.floor(stored / 2))
    .first<{ request_time: number; id: string }>();
  const cursor = Buffer.from(JSON.stringify([deep?.request_time, deep?.id])).toString('base64url');
  const timings: Timing[] = [
    await time('stats, last 24 h (dashboard home)', stats),
    await time('stats, last 7 days', `${stats}?timeline=1w`),
    await time(
      'stats, last 30 days, day buckets',
      `${stats}?start_time=${new Date(start).toISOString()}&bucket=day`,
    ),
    await time('stats, last 24 h, one key', `${stats}?api_key_id=7`),
    await time(
      'stats, last 24 h, one model, by provider model',
      `${stats}?model=gpt-4o&group_by=provider_model`,
    ),
    await time(
      'stats, last 1 h, 1-minute buckets (5-minute rollups)',
      `${stats}?timeline=1h&bucket_minutes=1`,
    ),
    await time('model stats, last 7 days', `${base}/models/stats`),
    await time('API keys with month-to-date cost', `${base}/api-keys?page_size=50`),
    await time('log list, first page', `${base}/logs`),
    await time('log list, deep page (keyset, middle of the table)', `${base}/logs?cursor=${cursor}`),
    await time('log list, first page filtered by model', `${base}/logs?model=gpt-4o`),
    await time('log list, first page filtered by key, last 24 h', `${base}/logs?api_key_id=7&timeline=24h`),
    await time('/metrics (Prometheus, today)', `${worker.url}/metrics`),
  ];
  // Retention: the oldest day expires; the first step runs in the request, the rest on the jobs queue.
  const keepDays = Math.max(1, Math.round(ageDays + days - 1));
  const cutoff = now - keepDays * DAY_MS;
  const expiring =
    (
      await db
        .prepare('select count(*) as n from request_logs where request_time < ?')
        .bind(cutoff)
        .first<{ n: number }>()
    )?.n ?? 0;
  const retentionStarted = performance.now();
  await json(`${base}/logs/cleanup?days=${keepDays}`, { method: 'POST' });
  let left = expiring;
  while (left > 0 && performance.now() - retentionStarted < 600_000) {
    await new Promise((r) => setTimeout(r, 250));
    left =
      (
        await db
          .prepare('select count(*) as n from request_logs where request_time < ?')
          .bind(cutoff)
          .first<{ n: number }>()
      )?.n ?? 0;
  }
  timings.push({
    name: `retention: the oldest day (${expiring} rows), through continuation`,
    ms: Math.round(performance.now() - retentionStarted),
  });
  const result = { rows: stored, bytes_per_row: Math.round(bytes / Math.max(stored, 1)), timings };
  const out = path.join(import.meta.dirname, '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'analytics.json'),
    `${JSON.stringify({ ...result, requests: rows, days, age_days: ageDays, d1_bytes: bytes, request_logs_bytes_per_row: tableBytes ? Math.round(tableBytes / stored) : null, breakdown, load_seconds: Math.round(loadS), retention_left: left }, null, 2)}\n`,
  );
  const md = renderAnalytics({ ...result, requests: rows, days, bytes, tableBytes, breakdown, loadS, left });
  writeFileSync(path.join(out, 'analytics.md'), md);
  console.log(md);
} finally {
  await cleanupAll();
}
