// Owns the peer gateway: @portkey-ai/gateway from npm, installed into the OS temp dir only for the benchmark.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registerTarget } from './placement.ts';
import { trackChild } from './processes.ts';

export const PEER_PACKAGE = '@portkey-ai/gateway';
export const PEER_VERSION = '1.15.2';

const dir = path.join(tmpdir(), `llm-gateway-bench-peer-${PEER_VERSION}`);
const entry = path.join(dir, 'node_modules', PEER_PACKAGE, 'build', 'start-server.js');

/** Installs the pinned peer once into a temp dir (never into this project); returns an error text or null. */
export function installPeer(): string | null {
  if (existsSync(entry)) return null;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-peer","private":true}\n');
  // The npm on PATH; `--ignore-scripts`: the package needs no install step to serve.
  const res = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `${PEER_PACKAGE}@${PEER_VERSION}`,
    ],
    { cwd: dir, encoding: 'utf8', timeout: 180_000 },
  );
  if (res.status !== 0 || !existsSync(entry)) {
    return `npm install ${PEER_PACKAGE}@${PEER_VERSION} failed: ${(res.stderr || res.error?.message || '').slice(-400)}`;
  }
  return null;
}

export interface RunningPeer {
  url: string;
  pid: number;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`peer exited (${child.exitCode}): ${log().slice(-400)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`peer did not answer within 30 s: ${log().slice(-400)}`);
}

/** Starts the peer on Node 22 (this process's Node) on loopback. */
export async function startPeer(port: number): Promise<RunningPeer> {
  const preload = path.join(import.meta.dirname, 'peer-loopback.ts');
  const child = spawn(process.execPath, ['--import', preload, entry, `--port=${port}`, '--headless'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  if (child.pid) registerTarget(child.pid);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => out);
  return { url, pid: child.pid ?? 0 };
}

/** Portkey's per-request config header: an OpenAI-protocol provider whose host is the mock. */
export function peerConfig(baseUrl: string): string {
  return JSON.stringify({ provider: 'openai', api_key: 'sk-bench-upstream-key', custom_host: baseUrl });
}

/** Portkey's fallback config: the first target answers 500 (its model name tells the mock), then the second. */
export function peerFailoverConfig(failingBaseUrl: string, healthyBaseUrl: string): string {
  const target = (host: string) => ({
    provider: 'openai',
    api_key: 'sk-bench-upstream-key',
    custom_host: host,
  });
  return JSON.stringify({
    strategy: { mode: 'fallback', on_status_codes: [500] },
    targets: [
      { ...target(failingBaseUrl), override_params: { model: 'mock-status-500' } },
      target(healthyBaseUrl),
    ],
  });
}
