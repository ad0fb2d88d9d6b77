// Owns the Markdown report: header (command, machine, load), one table per scenario, the checks, notes.
import type { Machine } from './machine.ts';
import type { ScenarioRun } from './rounds.ts';
import type { Spread } from './stats.ts';
import { absolute, type Check, delta, ratio } from './summary.ts';
import type { Target, TargetId } from './targets.ts';

export interface ReportInput {
  machine: Machine;
  runs: ScenarioRun[];
  checks: Check[];
  targets: Pick<Target, 'id' | 'label'>[];
  notes: string[];
  rounds: number;
  elapsedS: number;
}

function num(v: number, signed: boolean, unit: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const s = v.toFixed(digits);
  return (signed && v >= 0 ? `+${s}` : s) + unit;
}

/** `median (min–max)`, or `—` when not measured. */
function cell(s: Spread, opts: { signed?: boolean; unit?: string } = {}): string {
  if (s.n === 0) return '—';
  const f = (v: number) => num(v, opts.signed ?? false, opts.unit ?? '');
  return s.n === 1 || s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)} – ${f(s.max)})`;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

type Column = [string, (run: ScenarioRun, t: TargetId) => string];

function section(run: ScenarioRun | undefined, input: ReportInput, columns: Column[]): string {
  if (!run) return '';
  const label = (id: TargetId) => input.targets.find((t) => t.id === id)?.label ?? id;
  const rows = run.targets.map((t) => [label(t), ...columns.map(([, f]) => f(run, t))]);
  for (const [id, why] of Object.entries(run.skipped)) {
    rows.push([label(id as TargetId), ...columns.map((_, i) => (i === 0 ? `not run: ${why}` : '—'))]);
  }
  return `### ${run.title}\n${run.detail}.\n\n${table(['target', ...columns.map(([h]) => h)], rows)}\n`;
}

const ms = { unit: ' ms' };
const plusMs = { unit: ' ms', signed: true };
const times = { unit: '×' };

function latencyColumns(): Column[] {
  return [
    ['p50', (r, t) => cell(absolute(r, t, 'p50'), ms)],
    ['p99', (r, t) => cell(absolute(r, t, 'p99'), ms)],
    ['p50 − direct', (r, t) => cell(delta(r, t, 'direct', 'p50'), plusMs)],
    ['p50 − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'p50'), plusMs)],
    ['p99 − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'p99'), plusMs)],
  ];
}

function streamColumns(): Column[] {
  return [
    ['TTFB p50', (r, t) => cell(absolute(r, t, 'ttfbP50'), ms)],
    ['TTFB p99', (r, t) => cell(absolute(r, t, 'ttfbP99'), ms)],
    ['TTLB p50', (r, t) => cell(absolute(r, t, 'ttlbP50'), ms)],
    ['TTFB − direct', (r, t) => cell(delta(r, t, 'direct', 'ttfbP50'), plusMs)],
    ['TTFB − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'ttfbP50'), plusMs)],
    ['TTLB − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'ttlbP50'), plusMs)],
    ['chunks received', (r, t) => cell(absolute(r, t, 'chunks'))],
  ];
}

function saturationColumns(): Column[] {
  return [
    ['req/s', (r, t) => cell(absolute(r, t, 'rps'))],
    ['× pass-through', (r, t) => cell(ratio(r, t, 'passthrough', 'rps'), times)],
    ['× peer', (r, t) => cell(ratio(r, t, 'peer', 'rps'), times)],
    ['p50', (r, t) => cell(absolute(r, t, 'p50'), ms)],
    ['CPU/req in window', (r, t) => cell(absolute(r, t, 'cpuPerReq'), ms)],
    ['CPU/req incl. deferred', (r, t) => cell(absolute(r, t, 'cpuPerReqSettled'), ms)],
    ['CPU/req − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'cpuPerReqSettled'), plusMs)],
    ['errors', (r, t) => cell(absolute(r, t, 'errors'))],
  ];
}

function slowColumns(): Column[] {
  return [
    ['req/s', (r, t) => cell(absolute(r, t, 'rps'))],
    ['× direct', (r, t) => cell(ratio(r, t, 'direct', 'rps'), times)],
    ['p50', (r, t) => cell(absolute(r, t, 'p50'), ms)],
    ['p99', (r, t) => cell(absolute(r, t, 'p99'), ms)],
    ['errors', (r, t) => cell(absolute(r, t, 'errors'))],
  ];
}

function limitsColumns(): Column[] {
  return [
    ['p50', (r, t) => cell(absolute(r, t, 'p50'), ms)],
    ['p99', (r, t) => cell(absolute(r, t, 'p99'), ms)],
    ['p50 − gateway, unlimited key', (r, t) => cell(delta(r, t, 'gateway', 'p50'), plusMs)],
    ['p99 − gateway, unlimited key', (r, t) => cell(delta(r, t, 'gateway', 'p99'), plusMs)],
    ['p50 − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'p50'), plusMs)],
  ];
}

function balancerColumns(): Column[] {
  return [
    ['p50', (r, t) => cell(absolute(r, t, 'p50'), ms)],
    ['p99', (r, t) => cell(absolute(r, t, 'p99'), ms)],
    ['p50 − gateway, 2 links', (r, t) => cell(delta(r, t, 'gateway-balanced', 'p50'), plusMs)],
    ['p99 − gateway, 2 links', (r, t) => cell(delta(r, t, 'gateway-balanced', 'p99'), plusMs)],
    ['p50 − pass-through', (r, t) => cell(delta(r, t, 'passthrough', 'p50'), plusMs)],
  ];
}

function failoverColumns(): Column[] {
  return [
    ['p50', (r, t) => cell(absolute(r, t, 'p50'), ms)],
    ['p99', (r, t) => cell(absolute(r, t, 'p99'), ms)],
    ['p50 − direct (two calls)', (r, t) => cell(delta(r, t, 'direct', 'p50'), plusMs)],
  ];
}

function cacheColumns(): Column[] {
  return [
    ['HIT p50', (r, t) => cell(absolute(r, t, 'hitP50'), ms)],
    ['MISS p50', (r, t) => cell(absolute(r, t, 'missP50'), ms)],
    ['off p50', (r, t) => cell(absolute(r, t, 'offP50'), ms)],
    ['MISS − off (lookup + store)', (r, t) => cell(absolute(r, t, 'missMinusOffP50'), plusMs)],
    ['HIT − off', (r, t) => cell(absolute(r, t, 'hitMinusOffP50'), plusMs)],
    ['CPU/req HIT', (r, t) => cell(absolute(r, t, 'hitCpu'), ms)],
    ['CPU/req MISS', (r, t) => cell(absolute(r, t, 'missCpu'), ms)],
    ['CPU/req off', (r, t) => cell(absolute(r, t, 'offCpu'), ms)],
    ['errors', (r, t) => cell(absolute(r, t, 'errors'))],
  ];
}

function loggingTable(runs: ScenarioRun[]): string {
  const by = (id: string) => runs.find((r) => r.id === id);
  const rows: [string, ScenarioRun | undefined, string, { unit: string }][] = [
    ['1 KB p50', by('seq-1k'), 'p50', ms],
    ['100 KB p50', by('seq-100k'), 'p50', ms],
    ['stream TTFB p50', by('stream'), 'ttfbP50', ms],
    ['saturated req/s', by('saturation'), 'rps', { unit: '' }],
    ['CPU/req in window', by('saturation'), 'cpuPerReq', ms],
    ['CPU/req incl. deferred', by('saturation'), 'cpuPerReqSettled', ms],
  ];
  const body = rows.map(([name, run, metric, unit]) => [
    name,
    cell(absolute(run, 'gateway', metric), unit),
    cell(absolute(run, 'gateway-nolog', metric), unit),
    cell(delta(run, 'gateway', 'gateway-nolog', metric), { ...unit, signed: true }),
  ]);
  return `### Request logging on vs off\nSame gateway, same rounds; "off" is a build whose record builder and Queue producer are no-ops.\n\n${table(['metric', 'logging on', 'logging off', 'on − off'], body)}\n`;
}

function checksTable(checks: Check[]): string {
  const fmt = (c: Check, s: Spread) =>
    cell(s, c.unit === 'ms' ? (c.name.startsWith('CPU') ? ms : plusMs) : times);
  const rows = checks.map((c) => [
    c.name,
    c.goal,
    fmt(c, c.measured),
    c.met === undefined ? 'not measured' : c.met ? 'met' : '**missed**',
    fmt(c, c.loggingOff),
  ]);
  const head = ['target', 'goal', 'gateway (logging on)', 'result', 'same, logging off'];
  return `### SPEC §13 targets (judged on the median over rounds, gateway as configured)\n\n${table(head, rows)}\n`;
}

/** The whole report as Markdown. */
export function renderMarkdown(input: ReportInput): string {
  const { machine: m, runs } = input;
  const by = (id: string) => runs.find((r) => r.id === id);
  const header = [
    `# Gateway benchmark — ${m.date}`,
    '',
    `- Command: \`${m.command}\` (${input.elapsedS.toFixed(0)} s)`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average (1/5/15 min) at start ${m.loadAtStart.join(' / ')}, at end ${m.loadAtEnd.join(' / ')}`,
    `- Placement: ${m.placement}`,
    `- Runtimes: Node ${m.node}; ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `- Method: one keep-alive node:http client for every target; ${input.rounds} interleaved rounds (targets in turn, the order rotated each round) after a warm-up; each cell is the median over rounds (min – max). Differences and ratios are taken within a round, then summarised.`,
    '- Mock upstream: `test/mock-upstream` in its own process; 0 ms delay unless stated, ~1 KB responses, streams of 20 chunks 2 ms apart with usage at the end. Workers run under Miniflare (workerd) directly, no `wrangler dev` hop.',
    '',
  ].join('\n');
  const sections = [
    checksTable(input.checks),
    section(by('seq-1k'), input, latencyColumns()),
    section(by('seq-100k'), input, latencyColumns()),
    section(by('stream'), input, streamColumns()),
    section(by('saturation'), input, saturationColumns()),
    section(by('slow-upstream'), input, slowColumns()),
    loggingTable(runs),
    section(by('failover'), input, failoverColumns()),
    section(by('cache'), input, cacheColumns()),
    section(by('limits-1k'), input, limitsColumns()),
    section(by('balancer-delay'), input, balancerColumns()),
    section(by('wrangler-dev'), input, latencyColumns()),
  ].filter(Boolean);
  const notes = input.notes.length ? `### Notes\n${input.notes.map((n) => `- ${n}`).join('\n')}\n` : '';
  return `${header}\n${sections.join('\n')}\n${notes}`;
}
