// Owns running one bundled Worker under Miniflare (wrangler's own copy and workerd), with no wrangler dev hop.
import { createRequire } from 'node:module';
import type * as MiniflareApi from 'miniflare';
import { registerTarget } from './placement.ts';
import { childPids, onCleanup } from './processes.ts';

// wrangler pins its own Miniflare and workerd; use those so the runtime matches `npm run dev` and deploys.
const fromWrangler = createRequire(createRequire(import.meta.url).resolve('wrangler/package.json'));
const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = fromWrangler(
  'miniflare',
) as typeof MiniflareApi;

/** Worker options in Miniflare's v4 shape, the one wrangler's `unstable_getMiniflareWorkerOptions` returns. */
export type WorkerOptions = MiniflareApi.V4WorkerOptions;

export interface RunningWorker {
  readonly label: string;
  /** `http://127.0.0.1:PORT`, workerd's own socket. */
  readonly url: string;
  /** The workerd process serving this Worker (and its D1, DO, Queue and R2 simulators). */
  readonly pid: number;
  readonly mf: MiniflareApi.Miniflare;
}

const runtimeLogs = new Map<string, number>();

/**
 * What workerd printed during the run, counted by first line and labelled by Worker; kept off stdout so
 * the table stays readable, and reported in the notes instead.
 */
export function runtimeLogSummary(): string[] {
  return [...runtimeLogs].map(([line, n]) => `${n}× ${line}`);
}

/**
 * Starts workerd for one Worker (and any helper Workers sharing its bindings, reachable by name with
 * `mf.getWorker`) on a free loopback port; it is disposed at cleanup.
 */
export async function startWorker(
  label: string,
  options: WorkerOptions,
  shared: { inspectorPort?: number; helpers?: WorkerOptions[]; persistTo?: string } = {},
): Promise<RunningWorker> {
  const before = new Set(childPids('workerd'));
  // The v4 conversion keeps the dev registry off, so this never meets other `wrangler dev` sessions.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      // A placeholder `request.cf`: the default fetches a real one from the internet.
      cf: false,
      log: new Log(LogLevel.WARN),
      handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
        // Stack frames arrive as entries of their own; the line they belong to is already counted.
        if (/^\s+at /.test(message)) return;
        const line = `${label} (${level}): ${message.split('\n')[0]?.slice(0, 240) ?? ''}`;
        runtimeLogs.set(line, (runtimeLogs.get(line) ?? 0) + 1);
      },
      inspectorPort: shared.inspectorPort,
      // Persisted storage (D1 as SQLite files) only when asked: the analytics load inspects the file.
      ...(shared.persistTo ? { resourcePersistencePath: shared.persistTo } : {}),
      workers: [options, ...(shared.helpers ?? [])],
    }),
  );
  onCleanup(() => mf.dispose());
  const ready = await mf.ready;
  const pid = childPids('workerd').find((p) => !before.has(p));
  if (pid === undefined) throw new Error(`${label}: could not find the workerd process`);
  registerTarget(pid);
  return { label, url: ready.origin, pid, mf };
}
