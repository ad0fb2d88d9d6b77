// Owns the facts the report header states: command line, machine, runtime versions, load average.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { enablePlacement, placementText } from './placement.ts';

export interface Machine {
  date: string;
  command: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  versions: Record<string, string>;
  loadAtStart: number[];
  loadAtEnd: number[];
  /** Where the processes ran (CPU pinning). */
  placement: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1]!.trim() : (os.cpus()[0]?.model ?? 'unknown');
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function versionOf(pkg: string, from: string): string {
  try {
    const file = createRequire(from).resolve(`${pkg}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The machine as it is now; the end load is filled in when the run finishes. */
export function describeMachine(argv: string[]): Machine {
  const here = import.meta.url;
  const wrangler = createRequire(here).resolve('wrangler/package.json');
  const miniflare = createRequire(wrangler).resolve('miniflare/package.json');
  const args = argv.length ? ` -- ${argv.join(' ')}` : '';
  return {
    date: new Date().toISOString(),
    command: `npm run bench${args}  (node ${path.relative(process.cwd(), process.argv[1] ?? 'bench/run.ts')}${argv.length ? ` ${argv.join(' ')}` : ''})`,
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    versions: {
      wrangler: versionOf('wrangler', here),
      miniflare: versionOf('miniflare', wrangler),
      workerd: versionOf('workerd', miniflare),
      esbuild: versionOf('esbuild', here),
    },
    loadAtStart: os.loadavg().map(round2),
    loadAtEnd: [],
    placement: '',
  };
}

export function finishMachine(m: Machine): void {
  m.loadAtEnd = os.loadavg().map(round2);
}

/** Turns CPU placement on (unless --no-pin) and records how the processes run. */
export function placeProcesses(m: Machine, pin: boolean): void {
  enablePlacement(pin);
  m.placement = placementText();
}
