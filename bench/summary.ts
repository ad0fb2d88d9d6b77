// Owns what is derived from the rounds: per-round differences and ratios, and the SPEC §13 checks.
import type { ScenarioRun } from './rounds.ts';
import { type Spread, spread } from './stats.ts';
import type { TargetId } from './targets.ts';

function perRound(
  run: ScenarioRun | undefined,
  fn: (r: ScenarioRun['rounds'][number]) => number | undefined,
): Spread {
  return spread((run?.rounds ?? []).map((r) => fn(r) ?? Number.NaN));
}

/** One metric of one target over the rounds. */
export function absolute(run: ScenarioRun | undefined, t: TargetId, metric: string): Spread {
  return perRound(run, (r) => r[t]?.[metric]);
}

/** `t − base` within each round (both measured back to back), then median and range over rounds. */
export function delta(run: ScenarioRun | undefined, t: TargetId, base: TargetId, metric: string): Spread {
  return perRound(run, (r) => {
    const a = r[t]?.[metric];
    const b = r[base]?.[metric];
    return a === undefined || b === undefined ? undefined : a - b;
  });
}

/** `t / base` within each round, then median and range over rounds. */
export function ratio(run: ScenarioRun | undefined, t: TargetId, base: TargetId, metric: string): Spread {
  return perRound(run, (r) => {
    const a = r[t]?.[metric];
    const b = r[base]?.[metric];
    return a === undefined || b === undefined ? undefined : a / b;
  });
}

export interface Check {
  name: string;
  goal: string;
  unit: 'ms' | '×';
  /** The gateway as configured (logging on). */
  measured: Spread;
  /** The same with the logging pipeline stubbed out, to show what logging costs against the target. */
  loggingOff: Spread;
  /** Judged on the median over rounds of `measured`; undefined when it could not be measured. */
  met: boolean | undefined;
}

type Gateway = 'gateway' | 'gateway-nolog';

interface Goal {
  name: string;
  goal: string;
  unit: Check['unit'];
  value: (g: Gateway) => Spread;
  ok: (v: number) => boolean;
}

/** The targets SPEC §13 sets for the gateway, against the pass-through Worker and the peer. */
export function checks(runs: ScenarioRun[]): Check[] {
  const by = (id: string) => runs.find((r) => r.id === id);
  const sat = by('saturation');
  const goals: Goal[] = [
    {
      name: '1 KB p50, gateway − pass-through',
      goal: '≤ +0.3 ms',
      unit: 'ms',
      value: (g) => delta(by('seq-1k'), g, 'passthrough', 'p50'),
      ok: (v) => v <= 0.3,
    },
    {
      name: '100 KB p50, gateway − pass-through',
      goal: '≤ +1.5 ms',
      unit: 'ms',
      value: (g) => delta(by('seq-100k'), g, 'passthrough', 'p50'),
      ok: (v) => v <= 1.5,
    },
    {
      name: 'stream TTFB p50, gateway − pass-through',
      goal: '≤ +0.5 ms',
      unit: 'ms',
      value: (g) => delta(by('stream'), g, 'passthrough', 'ttfbP50'),
      ok: (v) => v <= 0.5,
    },
    {
      name: 'saturated req/s, gateway ÷ pass-through',
      goal: '≥ 0.9×',
      unit: '×',
      value: (g) => ratio(sat, g, 'passthrough', 'rps'),
      ok: (v) => v >= 0.9,
    },
    {
      name: 'saturated req/s, gateway ÷ peer',
      goal: '≥ 4×',
      unit: '×',
      value: (g) => ratio(sat, g, 'peer', 'rps'),
      ok: (v) => v >= 4,
    },
    {
      name: 'response cache MISS p50 − caching off (SPEC §18)',
      goal: '≤ +0.1 ms',
      unit: 'ms',
      value: (g) => absolute(by('cache'), g, 'missMinusOffP50'),
      ok: (v) => v <= 0.1,
    },
    {
      name: 'response cache MISS p50 − caching off, memory tier only (no Cache API simulator)',
      goal: '≤ +0.1 ms',
      unit: 'ms',
      // Only the logging-on build has the memory-only twin; the logging-off column stays empty.
      value: (g) =>
        absolute(by('cache'), g === 'gateway' ? 'gateway-memory-cache' : 'variant:none', 'missMinusOffP50'),
      ok: (v) => v <= 0.1,
    },
    {
      name: 'warm p50, balancer object +80 ms − answering at once (SPEC §14)',
      goal: '≤ +0.1 ms (noise)',
      unit: 'ms',
      // Only the logging-on build has the slow-object twin; the logging-off column stays empty.
      value: (g) =>
        delta(by('balancer-delay'), g === 'gateway' ? 'gateway-slow-balancer' : g, 'gateway-balanced', 'p50'),
      ok: (v) => v <= 0.1,
    },
    {
      name: 'CPU per 1 KB request (workerd process, deferred log work included)',
      goal: '≤ 1 ms',
      unit: 'ms',
      value: (g) => absolute(sat, g, 'cpuPerReqSettled'),
      ok: (v) => v <= 1,
    },
  ];
  return goals.map((g) => {
    const measured = g.value('gateway');
    const met = Number.isFinite(measured.median) ? g.ok(measured.median) : undefined;
    return { name: g.name, goal: g.goal, unit: g.unit, measured, loggingOff: g.value('gateway-nolog'), met };
  });
}
