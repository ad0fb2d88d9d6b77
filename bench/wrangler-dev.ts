// Owns the optional extra row: the same gateway behind `wrangler dev`, whose proxy hop is not ours.
import path from 'node:path';
import { startWranglerDev } from '../test/e2e/support/wrangler-dev.ts';
import { BENCH_VARS, configureGateway, GATEWAY_MODEL } from './gateway.ts';
import { registerTarget } from './placement.ts';
import { childPids, onCleanup } from './processes.ts';
import { JSON_HEADERS, makeTarget, type Target } from './targets.ts';

/** Starts `wrangler dev` with local state and the bench variables, configured like the Miniflare gateway. */
export async function wranglerDevTarget(mockUrl: string): Promise<Target> {
  // wrangler's launcher runs the first `node` on PATH; make it this Node 22 even outside `npm run`.
  process.env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  const before = new Set(childPids());
  const dev = await startWranglerDev(BENCH_VARS);
  for (const pid of childPids()) if (!before.has(pid)) registerTarget(pid);
  onCleanup(() => dev.stop());
  const key = await configureGateway(dev.url, mockUrl, 'wrangler-dev');
  return makeTarget({
    id: 'wrangler-dev',
    label: 'gateway behind `wrangler dev` (extra row)',
    origin: dev.url,
    path: '/v1/chat/completions',
    headers: { ...JSON_HEADERS, authorization: `Bearer ${key}` },
    model: GATEWAY_MODEL,
    pid: undefined,
  });
}
