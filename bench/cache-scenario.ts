// Owns the response-cache scenario: a HIT's latency and CPU against a MISS, and what the lookup costs a MISS.
import { send } from './client.ts';
import { CACHED_MODEL } from './gateway.ts';
import type { BenchOptions } from './options.ts';
import { chatBody, uniqueBodies } from './payloads.ts';
import { cpuTimeMs } from './processes.ts';
import type { Metrics, Scenario } from './rounds.ts';
import { percentile } from './stats.ts';
import type { Target } from './targets.ts';

/** Only the gateway builds of this checkout have the cached model (the baseline may predate the cache). */
const GATEWAYS = new Set(['gateway', 'gateway-nolog', 'gateway-memory-cache']);
/**
 * A pause after each request, for every kind alike: a MISS stores its answer after the response, and
 * under Miniflare that write runs the Cache API simulator in the gateway's own process; unpaced, it would
 * land in the next request's latency instead of in the CPU column where it belongs.
 */
const PACE_MS = 15;

interface Batch {
  p50: number;
  p99: number;
  /** CPU of the target's process per request, deferred work (the log consumer) included. */
  cpu: number;
  errors: number;
  /** `x-gateway-cache` answers seen, to prove each batch was what it claims (all HIT, all MISS, none). */
  statuses: Set<string>;
}

async function batch(t: Target, bodies: Buffer[]): Promise<Batch> {
  const cpu0 = t.pid ? cpuTimeMs(t.pid) : Number.NaN;
  const totals: number[] = [];
  const statuses = new Set<string>();
  let errors = 0;
  for (const body of bodies) {
    t.sent++;
    const s = await send({ origin: t.origin, path: t.path, headers: t.headers, body });
    totals.push(s.totalMs);
    if (s.status !== 200) errors++;
    statuses.add(s.cache ?? 'none');
    await new Promise((r) => setTimeout(r, PACE_MS));
  }
  await t.settle();
  const cpu1 = t.pid ? cpuTimeMs(t.pid) : Number.NaN;
  return {
    p50: percentile(totals, 50),
    p99: percentile(totals, 99),
    cpu: (cpu1 - cpu0) / bodies.length,
    errors,
    statuses,
  };
}

/** Asks the cached model twice: the second answer must be a HIT, or the scenario cannot measure anything. */
async function probe(t: Target): Promise<string | undefined> {
  const body = chatBody(CACHED_MODEL, { bytes: 1024, directive: 'cache-probe' });
  for (const expected of ['MISS', 'HIT']) {
    t.sent++;
    const s = await send({ origin: t.origin, path: t.path, headers: t.headers, body });
    if (s.status !== 200) return `the cached model answers ${s.status}`;
    if (s.cache !== expected && !(expected === 'MISS' && s.cache === 'HIT'))
      return `x-gateway-cache is ${s.cache ?? 'absent'} where ${expected} was expected`;
  }
  return undefined;
}

/**
 * Per round, three sequential batches on one gateway: one body asked again and again (all HITs), fresh
 * bodies to the cached model (all MISSes: hashing, a lookup, the upstream call, the store), and fresh
 * bodies to the same provider with caching off. `miss − off` is what caching costs a request it cannot
 * answer; `hit` against `off` is what it saves one it can.
 */
export function cacheScenario(opts: BenchOptions): Scenario {
  const n = Math.ceil(opts.seqSmall / 2);
  let round = 0;
  return {
    id: 'cache',
    title: 'Response cache: HIT, MISS and caching off, 1 KB, 0 ms mock',
    detail: `${n} sequential requests per kind per target per round, ${PACE_MS} ms apart (fresh bodies for MISS and off; CPU includes the store and the log work that follow each request)`,
    rounds: opts.rounds,
    placement: 'shared',
    include: (t) => GATEWAYS.has(t.id),
    probe,
    warm: async (t) => {
      await batch(t, [chatBody(CACHED_MODEL, { bytes: 1024, directive: 'cache-hit' })]);
      await batch(t, uniqueBodies(t.model, Math.ceil(n / 4), `warm-off-${t.id}`));
      await batch(t, uniqueBodies(CACHED_MODEL, Math.ceil(n / 4), `warm-miss-${t.id}`));
    },
    batch: async (t): Promise<Metrics> => {
      round++;
      const hitBodies: Buffer[] = new Array(n).fill(
        chatBody(CACHED_MODEL, { bytes: 1024, directive: 'cache-hit' }),
      );
      const missBodies = uniqueBodies(CACHED_MODEL, n, `miss-${t.id}-${round}`);
      const offBodies = uniqueBodies(t.model, n, `off-${t.id}-${round}`);
      const hit = await batch(t, hitBodies);
      const miss = await batch(t, missBodies);
      const off = await batch(t, offBodies);
      const pure = [hit.statuses, miss.statuses, off.statuses].map((s) => [...s].join('/'));
      if (pure.join(' ') !== 'HIT MISS none')
        console.error(`cache scenario: statuses were ${pure.join(' ')}`);
      return {
        hitP50: hit.p50,
        missP50: miss.p50,
        offP50: off.p50,
        hitP99: hit.p99,
        missP99: miss.p99,
        missMinusOffP50: miss.p50 - off.p50,
        hitMinusOffP50: hit.p50 - off.p50,
        hitCpu: hit.cpu,
        missCpu: miss.cpu,
        offCpu: off.cpu,
        errors: hit.errors + miss.errors + off.errors + (pure.join(' ') === 'HIT MISS none' ? 0 : 1),
      };
    },
  };
}
