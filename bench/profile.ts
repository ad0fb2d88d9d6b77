// On-demand profiler (not part of `npm run bench`): CPU-profiles every workerd isolate of one target under load.
// usage: node bench/profile.ts [--target gateway|gateway-nolog|passthrough] [--concurrency 32] [--seconds 5]
//        [--bytes 1024] [--delay-ms 0] [--stream] [--no-profile] [--no-pin] [--only-user] [--json FILE]
//        [--variant no-report,no-inflight,no-send,no-store,no-r2,no-spill]
// --only-user profiles the Worker's own isolate alone (its totals are then not inflated by sampling the
// simulators on the same thread); --json writes the per-isolate and per-part numbers for bench/isolates.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BundleKind, bundleWorker } from './bundle.ts';
import { InspectorSession, moduleMap, selfTime, timeByPart } from './cdp.ts';
import { closeClient, closedLoop, type RequestSpec } from './client.ts';
import { applyMigrations, configureGateway, GATEWAY_MODEL, gatewayOptions, logRowCount } from './gateway.ts';
import { type RunningWorker, startWorker } from './miniflare-worker.ts';
import { startMock } from './mock.ts';
import { chatBody } from './payloads.ts';
import { enablePlacement, place } from './placement.ts';
import { cleanupAll, cpuTimeMs, installSignalHandlers, onCleanup, removeAtExit } from './processes.ts';
import { percentile } from './stats.ts';
import { variantPlugin } from './variants.ts';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'gateway' },
    concurrency: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '5' },
    bytes: { type: 'string', default: '1024' },
    stream: { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    variant: { type: 'string', default: '' },
    'delay-ms': { type: 'string', default: '0' },
    'no-pin': { type: 'boolean', default: false },
    'only-user': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const kind = values.target as BundleKind;
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const bytes = Number(values.bytes);
const variants = (values.variant ?? '').split(',').filter(Boolean);
installSignalHandlers();
enablePlacement(!values['no-pin']);

async function start(dir: string, mockUrl: string): Promise<{ worker: RunningWorker; spec: RequestSpec }> {
  const bundle = await bundleWorker(kind, dir, variants.length ? [variantPlugin(variants)] : []);
  const delay = Number(values['delay-ms']);
  const terms = [bytes > 4096 ? `bytes=${bytes}` : '', delay > 0 ? `delay-ms=${delay}` : ''].filter(Boolean);
  const directive = terms.length ? `[mock ${terms.join(' ')}]` : undefined;
  const body = (model: string) => chatBody(model, { bytes, directive, stream: values.stream });
  if (kind === 'passthrough') {
    const { compatibilityDate, compatibilityFlags } = gatewayOptions(bundle);
    const options = { name: 'passthrough', modules: true, scriptPath: bundle, modulesRoot: dir };
    const bindings = { UPSTREAM: `${mockUrl}/p/passthrough` };
    const worker = await startWorker(
      kind,
      { ...options, compatibilityDate, compatibilityFlags, bindings },
      { inspectorPort: 0 },
    );
    const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
    return {
      worker,
      spec: { origin: worker.url, path: '/v1/chat/completions', headers, body: body('gpt-4o-mini') },
    };
  }
  const worker = await startWorker(kind, gatewayOptions(bundle), { inspectorPort: 0 });
  await applyMigrations(worker);
  const key = await configureGateway(worker.url, mockUrl, kind);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  return {
    worker,
    spec: { origin: worker.url, path: '/v1/chat/completions', headers, body: body(GATEWAY_MODEL) },
  };
}

async function sessions(worker: RunningWorker): Promise<Map<string, InspectorSession>> {
  const ws = await worker.mf.getInspectorURL();
  const list = (await (await fetch(new URL('/json/list', ws.href.replace('ws:', 'http:')))).json()) as {
    id: string;
    webSocketDebuggerUrl: string;
  }[];
  const out = new Map<string, InspectorSession>();
  for (const t of list) {
    if (values['only-user'] && !t.id.startsWith('core:user')) continue;
    out.set(t.id, await InspectorSession.open(t.webSocketDebuggerUrl));
  }
  return out;
}

/** Which part of the Worker's own isolate a frame starts: the log consumer, a Durable Object, or neither. */
function workerPart(where: (line: number) => string) {
  return (f: { url: string; lineNumber: number; functionName: string }): string | undefined => {
    if (!f.url) return undefined;
    const module = where(f.lineNumber);
    if (
      module === 'worker/logging/consumer.ts' ||
      (module === 'worker/index.ts' && f.functionName === 'queue')
    )
      return 'log consumer (queue handler)';
    if (module.endsWith('/durable-object.ts')) return 'Durable Objects';
    if (module.startsWith('worker/cron/')) return 'cron';
    return undefined;
  };
}

export interface IsolateCpu {
  id: string;
  msPerReq: number;
  /** The Worker's own isolate only: its time split by part. */
  parts?: Record<string, number>;
}

function table(rows: [string, number][], perReq: number, limit: number): string {
  return rows
    .slice(0, limit)
    .map(([k, ms]) => `    ${(ms / perReq).toFixed(3).padStart(7)} ms/req  ${k}`)
    .join('\n');
}

try {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-gateway-profile-'));
  removeAtExit(dir);
  const mock = await startMock({ delayMs: 0, responseBytes: 1024, chunks: 20, chunkGapMs: 2 });
  const { worker, spec } = await start(dir, mock.url);
  place(concurrency > 1 ? 'split' : 'shared');
  const warm = await closedLoop(spec, concurrency, 2000);
  let sent = warm.started;
  const open = values['no-profile'] ? new Map<string, InspectorSession>() : await sessions(worker);
  onCleanup(() => {
    for (const s of open.values()) s.close();
  });
  for (const s of open.values()) await s.start(100);
  const cpu0 = cpuTimeMs(worker.pid);
  const run = await closedLoop(spec, concurrency, seconds * 1000);
  sent += run.started;
  const cpu1 = cpuTimeMs(worker.pid);
  if (kind === 'gateway' && !variants.some((v) => v === 'no-send' || v === 'no-store')) {
    // Keep sampling until the log consumer has written what this load produced.
    const until = Date.now() + 20_000;
    while (Date.now() < until && (await logRowCount(worker)) < sent)
      await new Promise((r) => setTimeout(r, 100));
  }
  const cpu2 = cpuTimeMs(worker.pid);
  const n = run.completed;
  console.log(
    `${kind}${variants.length ? ` [${variants.join(', ')}]` : ''}: ${n} requests in ${seconds} s at concurrency ${concurrency} (${((n / seconds) | 0).toString()} req/s), p50 ${percentile(run.latenciesMs, 50).toFixed(2)} ms, p99 ${percentile(run.latenciesMs, 99).toFixed(2)} ms, ${run.errors} errors`,
  );
  console.log(
    `workerd process CPU: ${((cpu1 - cpu0) / n).toFixed(3)} ms/req during load, ${((cpu2 - cpu0) / n).toFixed(3)} ms/req until logs were written`,
  );
  const where = moduleMap(readFileSync(path.join(dir, `${kind}.mjs`), 'utf8'));
  const isolates: IsolateCpu[] = [];
  for (const [id, s] of open) {
    const profile = await s.stop();
    const user = id.startsWith('core:user');
    // Only the user isolate runs the bundle; the others run Miniflare's own scripts.
    const place = (f: { url: string; lineNumber: number }) =>
      !f.url
        ? ''
        : user
          ? `${where(f.lineNumber)}:${f.lineNumber + 1}`
          : `${path.basename(f.url)}:${f.lineNumber + 1}`;
    const byFn = selfTime(profile, (f) => `${f.functionName || '(anonymous)'} ${place(f)}`);
    const entry: IsolateCpu = { id, msPerReq: byFn.totalMs / n };
    isolates.push(entry);
    if (byFn.totalMs / n < 0.005) continue;
    console.log(`\nisolate ${id}: ${(byFn.totalMs / n).toFixed(3)} ms/req of JS-thread time (idle excluded)`);
    if (user) {
      const parts = timeByPart(profile, workerPart(where), 'request (fetch handler and its waitUntil)');
      entry.parts = Object.fromEntries([...parts].map(([k, v]) => [k, v / n]));
      console.log('  by part:');
      console.log(
        table(
          [...parts].sort((a, b) => b[1] - a[1]),
          n,
          10,
        ),
      );
      const byModule = selfTime(profile, (f) => (f.url ? where(f.lineNumber) : f.functionName));
      console.log('  by module:');
      console.log(table(byModule.rows, n, 25));
      const file = path.join(tmpdir(), `llm-gateway-${kind}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  (full profile for DevTools: ${file})`);
    }
    console.log('  by function:');
    console.log(table(byFn.rows, n, user ? 30 : 8));
  }
  if (values.json) {
    const result = {
      target: kind,
      variants,
      bytes,
      concurrency,
      requests: n,
      reqPerS: n / seconds,
      p50Ms: percentile(run.latenciesMs, 50),
      processCpuPerReq: (cpu1 - cpu0) / n,
      processCpuPerReqSettled: (cpu2 - cpu0) / n,
      isolates,
    };
    writeFileSync(values.json, JSON.stringify(result, null, 2));
  }
} finally {
  closeClient();
  await cleanupAll();
}
