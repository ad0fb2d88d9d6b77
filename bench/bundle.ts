// Bundles the Workers the benchmark runs (gateway, gateway without logging, pass-through) with esbuild.
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The "logging off" build: the record builder returns no records and the producer sends nothing, so no
 * sanitizing, no Queue send, no R2 put and no consumer work happen. Capture (the tee's byte list) stays.
 */
const loggingOff: Plugin = {
  name: 'bench-logging-off',
  setup(b) {
    b.onLoad({ filter: /[\\/]worker[\\/]logging[\\/]producer\.ts$/ }, () => ({
      contents: 'export async function produceLogs() {}',
      loader: 'ts',
    }));
    b.onLoad({ filter: /[\\/]worker[\\/]proxy[\\/]log-records\.ts$/ }, () => ({
      contents: 'export function buildLogRecords() { return []; }',
      loader: 'ts',
    }));
    // A cache HIT's record too (it builds on log-records' helpers).
    b.onLoad({ filter: /[\\/]worker[\\/]proxy[\\/]cache-log\.ts$/ }, () => ({
      contents: 'export function cacheHitRecords() { return []; }',
      loader: 'ts',
    }));
  },
};

export type BundleKind = 'gateway' | 'gateway-nolog' | 'passthrough' | 'analytics-loader';

const entries: Record<BundleKind, string> = {
  gateway: 'worker/index.ts',
  'gateway-nolog': 'worker/index.ts',
  passthrough: 'bench/passthrough-worker.ts',
  'analytics-loader': 'bench/analytics/loader-worker.ts',
};

/**
 * Builds one Worker into `outDir/<name>.mjs` the way wrangler's deploy bundling does (plus any what-if
 * plugins); returns the module's path.
 */
export async function bundleWorker(
  kind: BundleKind,
  outDir: string,
  extra: Plugin[] = [],
  name: string = kind,
  sourceRoot: string = root,
): Promise<string> {
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [path.join(sourceRoot, entries[kind])],
    outfile,
    bundle: true,
    format: 'esm',
    target: 'es2024',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*', 'cloudflare:*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: false,
    logLevel: 'error',
    plugins: kind === 'gateway-nolog' ? [loggingOff, ...extra] : extra,
  });
  return outfile;
}
