// Owns the scenarios: what each one sends, how it warms up, and what it measures per round.
import { cacheScenario } from './cache-scenario.ts';
import { closedLoop, type Sample } from './client.ts';
import type { BenchOptions } from './options.ts';
import { type BodyFor, bodies } from './payloads.ts';
import { cpuTimeMs } from './processes.ts';
import type { Scenario } from './rounds.ts';
import { percentile } from './stats.ts';
import { sendTo, specFor, type Target } from './targets.ts';

const OK = 200;

function errorsOf(samples: Sample[]): number {
  return samples.filter((s) => s.status !== OK).length;
}

async function repeat(n: number, fn: () => Promise<Sample>): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

async function probeWith(t: Target, body: BodyFor, stream: boolean): Promise<string | undefined> {
  const spec = specFor(t, body);
  t.sent++;
  const res = await fetch(new URL(spec.path, spec.origin), {
    method: 'POST',
    headers: spec.headers,
    body: spec.body.toString(),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== OK) return `answers ${res.status}: ${text.slice(0, 160)}`;
  if (stream && !type.includes('text/event-stream')) return `answers ${type} instead of an event stream`;
  return undefined;
}

/** Targets only one scenario compares: the limited key (governance) and the two-link model (balancer). */
const SCENARIO_ONLY = new Set([
  'gateway-limited',
  'gateway-balanced',
  'gateway-slow-balancer',
  'gateway-memory-cache',
]);
/** Every target but those of one scenario. */
const unlimited = (t: Target) => !SCENARIO_ONLY.has(t.id);

/** Sequential requests: latency percentiles of one request at a time. */
function latency(
  id: string,
  title: string,
  body: BodyFor,
  n: number,
  opts: BenchOptions,
  include: (t: Target) => boolean = unlimited,
): Scenario {
  return {
    id,
    title,
    detail: `${n} sequential requests per target per round`,
    rounds: opts.rounds,
    placement: 'shared',
    include,
    probe: (t) => probeWith(t, body, false),
    warm: async (t) => void (await repeat(Math.ceil(n / 2), () => sendTo(t, body))),
    batch: async (t) => {
      const s = await repeat(n, () => sendTo(t, body));
      const total = s.map((x) => x.totalMs);
      return { p50: percentile(total, 50), p99: percentile(total, 99), errors: errorsOf(s) };
    },
  };
}

function streaming(opts: BenchOptions): Scenario {
  const body = bodies({ bytes: 1024, stream: true });
  return {
    id: 'stream',
    title: 'Streaming, 20 chunks 2 ms apart, usage at the end',
    detail: `${opts.streams} sequential streams per target per round`,
    rounds: opts.rounds,
    placement: 'shared',
    include: unlimited,
    probe: (t) => probeWith(t, body, true),
    warm: async (t) => void (await repeat(5, () => sendTo(t, body))),
    batch: async (t) => {
      const s = await repeat(opts.streams, () => sendTo(t, body));
      const ttfb = s.map((x) => x.ttfbMs);
      const ttlb = s.map((x) => x.totalMs);
      return {
        ttfbP50: percentile(ttfb, 50),
        ttfbP99: percentile(ttfb, 99),
        ttlbP50: percentile(ttlb, 50),
        chunks: percentile(
          s.map((x) => x.chunks),
          50,
        ),
        errors: errorsOf(s),
      };
    },
  };
}

/** A closed loop at fixed concurrency; CPU of the target's process over the window and until it settled. */
function loop(
  id: string,
  title: string,
  body: BodyFor,
  concurrency: number,
  ms: number,
  rounds: number,
  include: (t: Target) => boolean,
): Scenario {
  return {
    id,
    title,
    detail: `closed loop, concurrency ${concurrency}, ${ms / 1000} s per target per round`,
    rounds,
    placement: 'split',
    include,
    probe: (t) => probeWith(t, body, false),
    warm: async (t) => {
      const r = await closedLoop(specFor(t, body), concurrency, Math.min(ms, 1500));
      t.sent += r.started;
    },
    batch: async (t) => {
      const cpu0 = t.pid ? cpuTimeMs(t.pid) : Number.NaN;
      const r = await closedLoop(specFor(t, body), concurrency, ms);
      const cpu1 = t.pid ? cpuTimeMs(t.pid) : Number.NaN;
      t.sent += r.started;
      await t.settle();
      const cpu2 = t.pid ? cpuTimeMs(t.pid) : Number.NaN;
      return {
        rps: (r.completed / r.elapsedMs) * 1000,
        p50: percentile(r.latenciesMs, 50),
        p99: percentile(r.latenciesMs, 99),
        errors: r.errors,
        cpuPerReq: (cpu1 - cpu0) / r.completed,
        cpuPerReqSettled: (cpu2 - cpu0) / r.completed,
      };
    },
  };
}

function failover(opts: BenchOptions): Scenario {
  const body = bodies({ bytes: 1024 });
  return {
    id: 'failover',
    title: 'Failover: the first provider answers 500, the second answers',
    detail: `${opts.failovers} sequential requests per target per round; one try per provider`,
    rounds: Math.min(opts.rounds, 3),
    placement: 'shared',
    include: (t) => t.failover !== undefined && unlimited(t),
    probe: async (t) => {
      const s = await t.failover?.(body);
      return s && s.status === OK ? undefined : `failover answered ${s?.status}`;
    },
    warm: async (t) => void (await repeat(10, () => t.failover!(body))),
    batch: async (t) => {
      const s = await repeat(opts.failovers, () => t.failover!(body));
      const total = s.map((x) => x.totalMs);
      return { p50: percentile(total, 50), p99: percentile(total, 99), errors: errorsOf(s) };
    },
  };
}

/** Every scenario, in the order they run. */
export function scenarios(opts: BenchOptions): Scenario[] {
  const small = bodies({ bytes: 1024 });
  const governed = new Set(['passthrough', 'gateway', 'gateway-limited']);
  const balanced = new Set(['passthrough', 'gateway', 'gateway-balanced', 'gateway-slow-balancer']);
  return [
    latency('seq-1k', 'Sequential, 1 KB request and response', small, opts.seqSmall, opts),
    latency(
      'seq-100k',
      'Sequential, 100 KB request and response',
      bodies({ bytes: 100 * 1024, directive: '[mock bytes=102400]' }),
      opts.seqLarge,
      opts,
    ),
    streaming(opts),
    loop(
      'saturation',
      `Saturation, 1 KB, concurrency ${opts.saturationConcurrency}`,
      small,
      opts.saturationConcurrency,
      opts.saturationMs,
      opts.rounds,
      unlimited,
    ),
    loop(
      'slow-upstream',
      `Upstream answering after 50 ms, concurrency ${opts.slowConcurrency}`,
      bodies({ bytes: 1024, directive: '[mock delay-ms=50]' }),
      opts.slowConcurrency,
      opts.slowMs,
      opts.slowRounds,
      (t) => t.id !== 'gateway-nolog' && unlimited(t),
    ),
    failover(opts),
    cacheScenario(opts),
    // SPEC §15: a limited key's warm request is decided from memory (target ≤ +0.05 ms p50 over unlimited).
    latency(
      'limits-1k',
      'Governance: 1 KB sequential, a key with every limit set against one without',
      small,
      opts.seqSmall,
      opts,
      (t) => governed.has(t.id),
    ),
    // SPEC §14: a warm request plans from the isolate's replica, so a slow balancer object moves nothing.
    latency(
      'balancer-delay',
      'Balancer: 1 KB sequential to a two-link model, the balancer object answering at once or after a delay',
      small,
      opts.seqSmall,
      opts,
      (t) => balanced.has(t.id),
    ),
  ];
}

/** The extra row: 1 KB sequential with the gateway behind `wrangler dev` beside the Miniflare targets. */
export function wranglerDevScenario(opts: BenchOptions): Scenario {
  const title = 'Extra: 1 KB sequential, gateway behind `wrangler dev`';
  return latency('wrangler-dev', title, bodies({ bytes: 1024 }), opts.seqSmall, opts);
}
