// Owns starting every system under test against one mock and describing each as a Target.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorker } from './bundle.ts';
import { send } from './client.ts';
import {
  applyMigrations,
  BALANCED_MODEL,
  configureGateway,
  FAILOVER_MODEL,
  GATEWAY_MODEL,
  gatewayOptions,
  limitedKey,
  logRowCount,
} from './gateway.ts';
import { type RunningWorker, startWorker } from './miniflare-worker.ts';
import { type RunningMock, startMock } from './mock.ts';
import type { BenchOptions } from './options.ts';
import { bodies } from './payloads.ts';
import {
  installPeer,
  PEER_PACKAGE,
  PEER_VERSION,
  peerConfig,
  peerFailoverConfig,
  startPeer,
} from './peer.ts';
import { removeAtExit } from './processes.ts';
import { JSON_HEADERS, makeTarget, sendTo, type Target, type TargetId } from './targets.ts';
import { variantPlugin } from './variants.ts';

export const UPSTREAM_MODEL = 'gpt-4o-mini';
const UPSTREAM_KEY = { authorization: 'Bearer sk-bench-upstream-key' };

export interface Bench {
  mock: RunningMock;
  targets: Target[];
  /** Facts for the report: versions, settings, what could not run and why. */
  notes: string[];
  /** Log rows the logging-on gateway wrote against those it should have; read at the end. */
  logRows(): Promise<{ written: number; expected: number }>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

/** Waits until the consumer has written a row for every record the gateway produced (bounded). */
export async function waitForRows(
  worker: RunningWorker,
  expected: () => number,
  notes: string[],
): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if ((await logRowCount(worker)) >= expected()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  notes.push(`log consumer behind: ${await logRowCount(worker)} of ${expected()} rows after 15 s`);
}

export interface StartedGateway {
  worker: RunningWorker;
  target: Target;
  /** Rows the consumer should have written: one per request plus one per failed attempt. */
  expectedRows(): number;
}

/** A what-if build of the gateway (see variants.ts), measured as its own target. */
export interface GatewayVariant {
  id: TargetId;
  label: string;
  edits: string[];
  /** Variables over wrangler.toml's and BENCH_VARS (e.g. BALANCER_BENCH_DELAY_MS). */
  vars?: Record<string, string>;
}

/** Starts one gateway build under Miniflare, migrated and configured through its admin API. */
export async function startGateway(
  kind: 'gateway' | 'gateway-nolog',
  dir: string,
  mockUrl: string,
  notes: string[],
  variant?: GatewayVariant,
  sourceRoot?: string,
): Promise<StartedGateway> {
  const logging = kind === 'gateway';
  const id = variant?.id ?? kind;
  const plugins = variant ? [variantPlugin(variant.edits)] : [];
  const bundled = await bundleWorker(kind, dir, plugins, id, sourceRoot);
  const worker = await startWorker(id, gatewayOptions(bundled, variant?.vars));
  await applyMigrations(worker, sourceRoot);
  const key = await configureGateway(worker.url, mockUrl, id.replace(/[^a-z0-9-]/gi, '-'));
  const target = makeTarget({
    id,
    label: variant?.label ?? (logging ? 'gateway (Miniflare)' : 'gateway, logging off'),
    origin: worker.url,
    path: '/v1/chat/completions',
    headers: { ...JSON_HEADERS, authorization: `Bearer ${key}` },
    model: GATEWAY_MODEL,
    pid: worker.pid,
  });
  let failedAttempts = 0;
  target.failover = (body) => {
    failedAttempts++;
    return sendTo(target, () => body(FAILOVER_MODEL));
  };
  const started: StartedGateway = { worker, target, expectedRows: () => target.sent + failedAttempts };
  const edits = variant?.edits ?? [];
  // Logging on: the next target waits until the consumer's D1/R2 writes are done, so they never land in
  // another target's measurement (and the rows prove the consumer really ran).
  if (logging && !edits.includes('no-send') && !edits.includes('no-store')) {
    target.settle = () => waitForRows(worker, started.expectedRows, notes);
  } else if (logging && edits.includes('no-store')) {
    // Messages still reach the consumer (which drops them) within the queue's 1 s batch timeout.
    target.settle = () => new Promise((r) => setTimeout(r, 1500));
  }
  return started;
}

/**
 * The logging-on gateway's own worker called with a key that has every limit set: the same process and
 * bindings, so the difference to `gateway` is the price of governance alone. Its log rows count too.
 */
async function limitedTarget(gateway: StartedGateway): Promise<Target> {
  const key = await limitedKey(gateway.worker.url, 'gateway');
  const target = makeTarget({
    id: 'gateway-limited',
    label: 'gateway, limited key',
    origin: gateway.worker.url,
    path: gateway.target.path,
    headers: { ...JSON_HEADERS, authorization: `Bearer ${key}` },
    model: gateway.target.model,
    pid: gateway.worker.pid,
    settle: () => gateway.target.settle(),
  });
  const unlimitedRows = gateway.expectedRows;
  gateway.expectedRows = () => unlimitedRows() + target.sent;
  return target;
}

/** Balancer object delay injected into the slow-balancer gateway (bench-only BALANCER_BENCH_DELAY_MS). */
export const BALANCER_DELAY_MS = 80;

/**
 * A logging-on gateway of its own, asked for the model on two providers; its balancer object answers
 * after `delayMs`. The balancer scenario starts two, 0 and BALANCER_DELAY_MS, so they differ only there.
 */
async function balancerTarget(
  dir: string,
  mockUrl: string,
  notes: string[],
  delayMs: number,
): Promise<Target> {
  const variant = {
    id: delayMs > 0 ? ('gateway-slow-balancer' as const) : ('gateway-balanced' as const),
    label: delayMs > 0 ? `gateway, 2 links, balancer object +${delayMs} ms` : 'gateway, 2 links',
    edits: [],
    vars: { BALANCER_BENCH_DELAY_MS: String(delayMs) },
  };
  const started = await startGateway('gateway', dir, mockUrl, notes, variant);
  started.target.model = BALANCED_MODEL;
  return started.target;
}

/**
 * The logging-on gateway built with the response cache's Cache API calls as no-ops (memory tier only):
 * the cache scenario's MISS − off on it is the gateway's own lookup and store, without Miniflare's cache
 * simulator (a separate service on Cloudflare) running in the same process.
 */
async function memoryCacheTarget(dir: string, mockUrl: string, notes: string[]): Promise<Target> {
  const variant = {
    id: 'gateway-memory-cache' as const,
    label: 'gateway, cache in memory only (no Cache API)',
    edits: ['no-cache-api'],
  };
  return (await startGateway('gateway', dir, mockUrl, notes, variant)).target;
}

/** The first request to the two-link model after start: the one that waits for the replica's first sync. */
async function coldRequest(targets: Target[], notes: string[]): Promise<void> {
  const cold: string[] = [];
  for (const t of targets) {
    const s = await sendTo(t, bodies({ bytes: 1024 }));
    cold.push(`${t.label} ${s.totalMs.toFixed(1)} ms (status ${s.status})`);
  }
  notes.push(`cold first request to the two-link model (replica not yet synced): ${cold.join('; ')}`);
}

/** The bare pass-through Worker, run exactly as the gateway is. */
export async function startPassthrough(dir: string, mockUrl: string): Promise<Target> {
  const scriptPath = await bundleWorker('passthrough', dir);
  // Run exactly as the gateway is: same runtime, compatibility date and flags.
  const { compatibilityDate, compatibilityFlags } = gatewayOptions(scriptPath);
  const worker = await startWorker('passthrough', {
    name: 'passthrough',
    modules: true,
    scriptPath,
    modulesRoot: dir,
    compatibilityDate,
    compatibilityFlags,
    bindings: { UPSTREAM: `${mockUrl}/p/passthrough` },
  });
  return makeTarget({
    id: 'passthrough',
    label: 'pass-through Worker (Miniflare)',
    origin: worker.url,
    path: '/v1/chat/completions',
    headers: { ...JSON_HEADERS, ...UPSTREAM_KEY },
    model: UPSTREAM_MODEL,
    pid: worker.pid,
  });
}

/** The mock itself, called by the client: the floor of every latency. */
export function directTarget(mock: RunningMock): Target {
  const direct = makeTarget({
    id: 'direct',
    label: 'mock directly',
    origin: mock.url,
    path: '/p/direct/v1/chat/completions',
    headers: { ...JSON_HEADERS, ...UPSTREAM_KEY },
    model: UPSTREAM_MODEL,
    pid: undefined,
  });
  // The floor of a failover: the client itself asks the failing provider, then the healthy one.
  direct.failover = async (body) => {
    const { origin, headers } = direct;
    const failPath = '/p/direct-fail/v1/chat/completions';
    const failed = await send({ origin, headers, path: failPath, body: body('mock-status-500') });
    const ok = await send({ origin, headers, path: direct.path, body: body(UPSTREAM_MODEL) });
    direct.sent += 2;
    return { ...ok, ttfbMs: failed.totalMs + ok.ttfbMs, totalMs: failed.totalMs + ok.totalMs };
  };
  return direct;
}

async function peerTarget(mock: RunningMock, notes: string[]): Promise<Target | undefined> {
  const installError = installPeer();
  if (installError) {
    notes.push(`peer not measured: ${installError}`);
    return undefined;
  }
  const peer = await startPeer(await freePort());
  const target = makeTarget({
    id: 'peer',
    label: `peer ${PEER_PACKAGE}@${PEER_VERSION} (Node ${process.versions.node})`,
    origin: peer.url,
    path: '/v1/chat/completions',
    headers: { ...JSON_HEADERS, 'x-portkey-config': peerConfig(`${mock.url}/p/peer/v1`) },
    model: UPSTREAM_MODEL,
    pid: peer.pid,
  });
  const failoverHeaders = {
    ...JSON_HEADERS,
    'x-portkey-config': peerFailoverConfig(`${mock.url}/p/peer-fail/v1`, `${mock.url}/p/peer/v1`),
  };
  target.failover = (body) => {
    target.sent++;
    return send({
      origin: peer.url,
      path: target.path,
      headers: failoverHeaders,
      body: body(UPSTREAM_MODEL),
    });
  };
  return target;
}

/** Starts the mock, the Workers under Miniflare and the peer; everything is stopped at cleanup. */
export async function startBench(opts: BenchOptions): Promise<Bench> {
  const notes: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-gateway-bench-'));
  removeAtExit(dir);
  const mock = await startMock({ delayMs: 0, responseBytes: 1024, chunks: 20, chunkGapMs: 2 });
  const gateway = await startGateway('gateway', dir, mock.url, notes);
  const nolog = await startGateway('gateway-nolog', dir, mock.url, notes);
  const passthrough = await startPassthrough(dir, mock.url);
  const limited = await limitedTarget(gateway);
  const balanced = await balancerTarget(dir, mock.url, notes, 0);
  const slowBalancer = await balancerTarget(dir, mock.url, notes, BALANCER_DELAY_MS);
  await coldRequest([balanced, slowBalancer], notes);
  const memoryCache = await memoryCacheTarget(dir, mock.url, notes);
  const targets: Target[] = [
    directTarget(mock),
    passthrough,
    gateway.target,
    nolog.target,
    limited,
    balanced,
    slowBalancer,
    memoryCache,
  ];
  if (opts.baseline) {
    const variant = {
      id: 'gateway-baseline' as const,
      label: `gateway from ${path.basename(opts.baseline)} (baseline)`,
      edits: [],
    };
    const baseline = await startGateway('gateway', dir, mock.url, notes, variant, opts.baseline);
    targets.push(baseline.target);
    notes.push(`baseline: the gateway built from ${opts.baseline}, logging on, in the same rounds`);
  }
  if (!opts.skipPeer) {
    const peer = await peerTarget(mock, notes);
    if (peer) targets.push(peer);
  } else notes.push('peer skipped (--no-peer)');
  return {
    mock,
    targets,
    notes,
    logRows: async () => ({ written: await logRowCount(gateway.worker), expected: gateway.expectedRows() }),
  };
}
