// Owns the mock upstream as its own process (its event loop never shares the load client's) and its stop.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { registerClientSide } from './placement.ts';
import { trackChild } from './processes.ts';

const cli = path.resolve(import.meta.dirname, '../test/mock-upstream/cli.ts');

export interface MockSettings {
  delayMs: number;
  responseBytes: number;
  chunks: number;
  chunkGapMs: number;
}

export interface RunningMock {
  url: string;
  pid: number;
}

/** Starts `test/mock-upstream/cli.ts` on a free loopback port and resolves with the URL it prints. */
export function startMock(settings: MockSettings): Promise<RunningMock> {
  const args = [
    cli,
    ...['--host', '127.0.0.1', '--port', '0'],
    ...['--delay-ms', String(settings.delayMs), '--response-bytes', String(settings.responseBytes)],
    ...['--chunks', String(settings.chunks), '--chunk-gap-ms', String(settings.chunkGapMs)],
    // The recorder keeps bodies; a small ring is enough and keeps the mock's heap flat at 100 KB bodies.
    ...['--max-recorded', '16'],
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  if (child.pid) registerClientSide(child.pid);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ url: line.trim(), pid: child.pid ?? 0 });
    });
    child.once('exit', (code) => reject(new Error(`mock upstream exited (${code}): ${stderr}`)));
  });
}
