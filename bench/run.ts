// Entry of `npm run bench`: starts every target, runs the scenarios, writes bench/results, stops everything.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeClient } from './client.ts';
import { describeMachine, finishMachine, placeProcesses } from './machine.ts';
import { runtimeLogSummary } from './miniflare-worker.ts';
import { explainNotes } from './notes.ts';
import { readOptions } from './options.ts';
import { cleanupAll, installSignalHandlers } from './processes.ts';
import { renderMarkdown } from './report.ts';
import { runScenario, type ScenarioRun } from './rounds.ts';
import { scenarios, wranglerDevScenario } from './scenarios.ts';
import { type Bench, startBench } from './setup.ts';
import { checks } from './summary.ts';
import { wranglerDevTarget } from './wrangler-dev.ts';

const LIMIT_MS = 9 * 60_000;
const resultsDir = path.join(import.meta.dirname, 'results');

const argv = process.argv.slice(2);
const opts = readOptions(argv);
const machine = describeMachine(argv);
placeProcesses(machine, opts.pin);
const started = performance.now();
const log = (m: string) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${m}`);

installSignalHandlers();
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    console.error(`bench: ${event}:`, err);
    cleanupAll().finally(() => process.exit(1));
  });
}
// Bounded: whatever happens, nothing this run started outlives this limit.
setTimeout(() => {
  console.error(`bench: still running after ${LIMIT_MS / 60_000} min; stopping everything`);
  cleanupAll().finally(() => process.exit(1));
}, LIMIT_MS).unref();

async function measure(bench: Bench): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = [];
  for (const s of scenarios(opts)) {
    if (opts.only.length > 0 && !opts.only.includes(s.id)) continue;
    log(s.title);
    runs.push(await runScenario(s, bench.targets, log));
  }
  if (opts.wranglerDev) {
    log('starting wrangler dev for the extra row');
    try {
      const extra = await wranglerDevTarget(bench.mock.url);
      bench.targets.push(extra);
      const ids = new Set(['direct', 'passthrough', 'gateway', 'wrangler-dev']);
      runs.push(
        await runScenario(
          wranglerDevScenario(opts),
          bench.targets.filter((t) => ids.has(t.id)),
          log,
        ),
      );
    } catch (err) {
      // An extra row never costs the main results.
      bench.notes.push(`wrangler dev row not measured: ${String(err).slice(0, 300)}`);
    }
  }
  return runs;
}

try {
  log(`load average ${machine.loadAtStart.join(' / ')}; starting the mock, the Workers and the peer`);
  const bench = await startBench(opts);
  const runs = await measure(bench);
  const rows = await bench.logRows();
  finishMachine(machine);
  const runtime = runtimeLogSummary().map((l) => `workerd logged ${l}`);
  const notes = [...bench.notes, ...explainNotes(runs, rows), ...runtime];
  const input = {
    machine,
    runs,
    checks: checks(runs),
    targets: bench.targets.map(({ id, label }) => ({ id, label })),
    notes,
    rounds: opts.rounds,
    elapsedS: (performance.now() - started) / 1000,
  };
  const markdown = renderMarkdown(input);
  mkdirSync(resultsDir, { recursive: true });
  // A partial run (--only) never replaces the full one.
  const name = opts.only.length > 0 ? `only-${opts.only.join('+')}` : 'latest';
  writeFileSync(path.join(resultsDir, `${name}.md`), markdown);
  writeFileSync(
    path.join(resultsDir, `${name}.json`),
    `${JSON.stringify({ ...input, options: opts }, null, 2)}\n`,
  );
  console.log(markdown);
  log(`wrote ${path.relative(process.cwd(), resultsDir)}/${name}.md and ${name}.json`);
} finally {
  closeClient();
  await cleanupAll();
}
