// Owns running a scenario: probe each target, warm it up, then interleaved rounds, rotated each round.
import { type Placement, place } from './placement.ts';
import type { Target, TargetId } from './targets.ts';

export type Metrics = Record<string, number>;

export interface ScenarioRun {
  id: string;
  title: string;
  /** What was sent, for the report. */
  detail: string;
  targets: TargetId[];
  /** Targets left out, with the reason. */
  skipped: Partial<Record<TargetId, string>>;
  /** One entry per round: each measured target's metrics for that round. */
  rounds: Partial<Record<TargetId, Metrics>>[];
}

export interface Scenario {
  id: string;
  title: string;
  detail: string;
  rounds: number;
  /** Latency scenarios share the CPUs; throughput scenarios give the target a core of its own. */
  placement: Placement;
  /** Targets that take part (before probing). */
  include: (t: Target) => boolean;
  /** Checks the target answers this scenario correctly; returns a reason when it does not. */
  probe: (t: Target) => Promise<string | undefined>;
  warm: (t: Target) => Promise<void>;
  batch: (t: Target) => Promise<Metrics>;
}

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Runs one scenario: probe, warm-up, then rounds A,B,C,… rotated by one target each round. */
export async function runScenario(
  s: Scenario,
  all: Target[],
  log: (m: string) => void,
): Promise<ScenarioRun> {
  const run: ScenarioRun = {
    id: s.id,
    title: s.title,
    detail: s.detail,
    targets: [],
    skipped: {},
    rounds: [],
  };
  place(s.placement);
  const targets: Target[] = [];
  for (const t of all.filter(s.include)) {
    const reason =
      t.unavailable.get(s.id) ?? (await s.probe(t).catch((e: unknown) => `failed: ${String(e)}`));
    if (reason) {
      run.skipped[t.id] = reason;
      log(`  ${t.id}: skipped (${reason})`);
    } else targets.push(t);
  }
  run.targets = targets.map((t) => t.id);
  for (const t of targets) {
    await s.warm(t);
    await t.settle();
  }
  for (let r = 0; r < s.rounds; r++) {
    const round: Partial<Record<TargetId, Metrics>> = {};
    for (const t of rotate(targets, r)) {
      round[t.id] = await s.batch(t);
      await t.settle();
    }
    run.rounds.push(round);
    log(`  round ${r + 1}/${s.rounds} done`);
  }
  return run;
}
