// On-demand cost attribution (not part of `npm run bench`): the gateway built up one step at a time, each
// step a what-if build (variants.ts), measured against the pass-through Worker in interleaved rounds.
// usage: node bench/attribute.ts [--quick] [--rounds N]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeClient } from './client.ts';
import { describeMachine, finishMachine, placeProcesses } from './machine.ts';
import { runtimeLogSummary } from './miniflare-worker.ts';
import { startMock } from './mock.ts';
import { readOptions } from './options.ts';
import { cleanupAll, installSignalHandlers, removeAtExit } from './processes.ts';
import { runScenario, type ScenarioRun } from './rounds.ts';
import { scenarios } from './scenarios.ts';
import { type GatewayVariant, startGateway, startPassthrough } from './setup.ts';
import { absolute, delta, ratio } from './summary.ts';
import type { Target, TargetId } from './targets.ts';

interface Step extends GatewayVariant {
  kind: 'gateway' | 'gateway-nolog';
  adds: string;
}

const STEPS: Step[] = [
  {
    kind: 'gateway-nolog',
    edits: ['no-report', 'no-inflight', 'no-limits'],
    id: 'variant:proxy',
    label: 'proxy only',
    adds: 'auth, parse, plan, forward, respond, capture',
  },
  {
    kind: 'gateway-nolog',
    edits: ['no-report', 'no-inflight'],
    id: 'variant:limits',
    label: '+ governance check',
    adds: 'admission for a key and model without limits: two property reads, no limiter call (SPEC §15)',
  },
  {
    kind: 'gateway-nolog',
    edits: ['no-report'],
    id: 'variant:inflight',
    label: '+ in-flight tracking',
    adds: 'running-request entry, cancel signal and watcher timer (a registry sync only past one interval)',
  },
  {
    kind: 'gateway-nolog',
    edits: [],
    id: 'variant:report',
    label: '+ balancer report',
    adds: 'outcomes reported to the balancer Durable Object, batched per isolate every 50 ms (waitUntil)',
  },
  {
    kind: 'gateway',
    edits: ['no-send'],
    id: 'variant:records',
    label: '+ log records',
    adds: 'records built and sanitized, not sent',
  },
  {
    kind: 'gateway',
    edits: ['no-store'],
    id: 'variant:queue',
    label: '+ Queue',
    adds: 'sendBatch, delivery, consumer validation (nothing stored)',
  },
  {
    kind: 'gateway',
    edits: ['no-r2'],
    id: 'variant:d1',
    label: '+ D1 index rows',
    adds: 'consumer db.batch of INSERT OR IGNORE',
  },
  {
    kind: 'gateway',
    edits: [],
    id: 'variant:full',
    label: '+ R2 bodies = the gateway',
    adds: 'one R2 put per day per consumer batch',
  },
];

const base = readOptions(process.argv.slice(2));
const opts = { ...base, rounds: process.argv.includes('--rounds') ? base.rounds : base.quick ? 2 : 3 };
const machine = describeMachine(process.argv.slice(2));
placeProcesses(machine, opts.pin);
installSignalHandlers();

function render(runs: ScenarioRun[]): string {
  const [seq, sat] = runs;
  const ids: TargetId[] = ['passthrough', ...STEPS.map((s) => s.id)];
  const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const rows = ids.map((id, i) => {
    const prev = ids[i - 1];
    const step = STEPS.find((s) => s.id === id);
    return [
      step?.label ?? 'pass-through Worker',
      step?.adds ?? 'the floor',
      f(absolute(sat, id, 'cpuPerReqSettled').median),
      prev ? f(delta(sat, id, prev, 'cpuPerReqSettled').median) : '',
      f(absolute(sat, id, 'rps').median, 0),
      f(ratio(sat, id, 'passthrough', 'rps').median),
      f(absolute(seq, id, 'p50').median),
      prev ? f(delta(seq, id, prev, 'p50').median) : '',
    ];
  });
  const head = [
    'build',
    'adds',
    'CPU ms/req',
    'Δ CPU',
    'req/s (c=32)',
    '× pass-through',
    '1 KB p50 ms',
    'Δ p50',
  ];
  const line = (c: string[]) => `| ${c.join(' | ')} |`;
  return [
    `# Where the gateway's time goes — ${machine.date}`,
    '',
    `Load average at start ${machine.loadAtStart.join(' / ')}, at end ${machine.loadAtEnd.join(' / ')}; ${machine.cpu}, ${machine.cores} cores; ${machine.placement}; ${opts.rounds} interleaved rounds, medians. CPU is the workerd process (utime+stime) per request at concurrency 32, until the log consumer finished; p50 is sequential 1 KB.`,
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    '',
  ].join('\n');
}

try {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-gateway-attribute-'));
  removeAtExit(dir);
  const notes: string[] = [];
  const mock = await startMock({ delayMs: 0, responseBytes: 1024, chunks: 20, chunkGapMs: 2 });
  const targets: Target[] = [await startPassthrough(dir, mock.url)];
  for (const step of STEPS) targets.push((await startGateway(step.kind, dir, mock.url, notes, step)).target);
  const wanted = ['seq-1k', 'saturation'];
  const runs: ScenarioRun[] = [];
  for (const s of scenarios(opts).filter((x) => wanted.includes(x.id))) {
    console.error(`[attribute] ${s.title}`);
    runs.push(await runScenario(s, targets, (m) => console.error(`[attribute] ${m}`)));
  }
  finishMachine(machine);
  notes.push(...runtimeLogSummary().map((l) => `workerd logged ${l}`));
  const markdown = render(runs) + (notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : '');
  const out = path.join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'attribution.md'), markdown);
  writeFileSync(
    path.join(out, 'attribution.json'),
    `${JSON.stringify({ machine, steps: STEPS, runs }, null, 2)}\n`,
  );
  console.log(markdown);
} finally {
  closeClient();
  await cleanupAll();
}
