// Owns everything the benchmark starts: a cleanup list run once on exit, error or signal, and child lookup.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

type Cleanup = () => Promise<void> | void;

const cleanups: Cleanup[] = [];
const children = new Set<ChildProcess>();
let cleaning: Promise<void> | undefined;

/** Stops a child of ours: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Tracks a spawned child: stopped at cleanup, and killed synchronously if this process exits first. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  onCleanup(() => stopChild(child));
}

// Last resort, synchronous: other libraries' signal handlers (Miniflare's among them) may call
// process.exit before our async cleanup is done; nothing we spawned may outlive us.
const dirs = new Set<string>();

/** A scratch directory removed at cleanup, or at exit if cleanup never ran. */
export function removeAtExit(dir: string): void {
  dirs.add(dir);
  onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  });
}

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  // Children we did not spawn ourselves (Miniflare's workerd, wrangler dev) stop their own children on SIGTERM.
  for (const pid of childPids()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Registers a stop action; they run last-registered first. */
export function onCleanup(fn: Cleanup): void {
  cleanups.push(fn);
}

/** Stops everything registered, each step bounded so a stuck child cannot hang the exit. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      const step = Promise.resolve()
        .then(fn)
        .catch((err: unknown) => console.error('bench cleanup:', err));
      await Promise.race([step, new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
  })();
  return cleaning;
}

/** On Ctrl-C or SIGTERM: stop everything, then exit with the conventional signal status. */
export function installSignalHandlers(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping everything it started…`);
      cleanupAll().finally(() => process.exit(code));
    });
  }
}

function statFields(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; fields restart after the last ')'.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** CPU time (user + system, all threads) a process has used so far, in ms; NaN if unknown. */
export function cpuTimeMs(pid: number): number {
  const f = statFields(pid);
  if (!f) return Number.NaN;
  // After the name: state(0) ppid(1) … utime(11) stime(12).
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/** Pids of this process's direct children, only those whose command name is `name` if given. */
export function childPids(name?: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const ppid = Number(raw.slice(raw.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && (name === undefined || comm === name)) pids.push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
