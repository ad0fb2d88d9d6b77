// Owns where processes run: all CPUs shared for latency scenarios; for throughput scenarios the client
// and the mock on CPU 0 and the target under test alone on CPU 1, so saturation measures one core's work.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export type Placement = 'shared' | 'split';

const cpuCount = os.cpus().length;
const clientSide = new Set<number>([process.pid]);
const targets = new Set<number>();
let enabled = false;

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(raw.slice(raw.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) {
      if (ppid !== pid) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Sets the CPUs of a process and all its threads; false if taskset is missing or refused. */
function setCpus(pid: number, cpus: string): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' }).status === 0;
}

/** Turns placement on when asked, the machine has two CPUs or more, and taskset works here. */
export function enablePlacement(wanted: boolean): boolean {
  enabled = wanted && cpuCount >= 2 && setCpus(process.pid, `0-${cpuCount - 1}`);
  return enabled;
}

/** How the report describes placement. */
export function placementText(): string {
  return enabled
    ? 'latency scenarios unpinned (client, mock and target share all CPUs); throughput scenarios (saturation, 50 ms upstream) pin the client and the mock to CPU 0 and the target, all its threads, to CPU 1'
    : 'not pinned: client, mock and target share every CPU';
}

/** A process on the load side (the mock); the client is this process. */
export function registerClientSide(pid: number): void {
  clientSide.add(pid);
}

/** A system under test; its descendants (wrangler dev's workerd) move with it. */
export function registerTarget(pid: number): void {
  targets.add(pid);
}

/** Applies a placement to every registered process. */
export function place(mode: Placement): void {
  if (!enabled) return;
  const all = `0-${cpuCount - 1}`;
  for (const pid of clientSide) setCpus(pid, mode === 'split' ? '0' : all);
  for (const root of targets) {
    for (const pid of [root, ...descendants(root)]) setCpus(pid, mode === 'split' ? '1' : all);
  }
}
