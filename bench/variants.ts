// Owns the profiler's what-if builds: one hot-path step at a time made a no-op, to price it by difference.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

interface Edit {
  file: RegExp;
  from: string;
  to: string;
}

/** Each variant rewrites one call or function head so that step never runs (the rest is unchanged). */
const EDITS: Record<string, Edit> = {
  // The balancer report (batched per isolate: one DO RPC per model every 50 ms, storage write confirmed).
  'no-report': {
    file: /[\\/]worker[\\/]balancer[\\/]client\.ts$/,
    from: 'export async function reportOutcomes(',
    to: 'export async function reportOutcomes(..._args: unknown[]): Promise<void> {}\nasync function unusedReport(',
  },
  // Records are built and sanitized, but never sent: no Queue, R2 or consumer work.
  'no-send': {
    file: /[\\/]worker[\\/]logging[\\/]producer\.ts$/,
    from: 'export async function produceLogs(',
    to: 'export async function produceLogs(..._args: unknown[]): Promise<void> {}\nasync function unusedProduce(',
  },
  // Records are sent, but the consumer drops them: Queue send and delivery stay, R2/D1 writes go.
  'no-store': {
    file: /[\\/]worker[\\/]logging[\\/]consumer\.ts$/,
    from: 'export async function storeRecords(',
    to: 'export async function storeRecords(..._args: unknown[]): Promise<void> {}\nasync function unusedStore(',
  },
  // The consumer still serializes each batch's details, but skips the batch object's R2 put (D1 rows stay).
  'no-r2': {
    file: /[\\/]worker[\\/]logging[\\/]detail-store\.ts$/,
    from: 'await bucket.put(key, body, {',
    to: 'await (async (..._args: unknown[]) => {})(key, body, {',
  },
  // Requests are not registered as running: no tracker entry, abort signal or sync timer (and no cancel).
  'no-inflight': {
    file: /[\\/]worker[\\/]inflight[\\/]track-request\.ts$/,
    from: 'export function trackRequest(',
    to: 'export function trackRequest(..._args: unknown[]): null {\n  return null;\n}\nfunction unusedTrack(',
  },
  // No governance at all: admission returns at once (for an unlimited key it already does after two reads).
  'no-limits': {
    file: /[\\/]worker[\\/]proxy[\\/]limits\.ts$/,
    from: 'export async function admitLimits(',
    to: 'export async function admitLimits(..._args: unknown[]): Promise<null> {\n  return null;\n}\nasync function unusedAdmit(',
  },
  // The response cache keeps its in-isolate memory tier but never reads or writes the Cache API.
  'no-cache-api': {
    file: /[\\/]worker[\\/]cache[\\/]store\.ts$/,
    from: 'export function cacheApiStore(origin: string): AnswerStore {',
    to: 'export function cacheApiStore(..._args: unknown[]): AnswerStore {\n  return { get: async () => null, put: async () => {} };\n}\nfunction unusedCacheApiStore(origin: string): AnswerStore {',
  },
  // Records over the 100 KB message limit are still shrunk, but the producer skips their R2 put.
  'no-spill': {
    file: /[\\/]worker[\\/]logging[\\/]producer\.ts$/,
    from: 'await env.LOG_BUCKET.put(key, encodeDetail(msg.detail), {',
    to: 'await (async (..._args: unknown[]) => {})(key, encodeDetail(msg.detail), {',
  },
};

export const VARIANTS = Object.keys(EDITS);

/** An esbuild plugin applying the named edits; throws if an edit no longer matches the source. */
export function variantPlugin(names: string[]): Plugin {
  const edits = names.map((n) => {
    const edit = EDITS[n];
    if (!edit) throw new Error(`unknown variant ${n} (known: ${VARIANTS.join(', ')})`);
    return edit;
  });
  return {
    name: 'bench-variants',
    setup(b) {
      b.onLoad({ filter: /[\\/]worker[\\/].*\.ts$/ }, (args) => {
        const mine = edits.filter((e) => e.file.test(args.path));
        if (mine.length === 0) return undefined;
        let text = readFileSync(args.path, 'utf8');
        for (const e of mine) {
          if (!text.includes(e.from)) throw new Error(`variant edit no longer matches ${args.path}`);
          text = text.replace(e.from, e.to);
        }
        return { contents: text, loader: 'ts' };
      });
    },
  };
}
