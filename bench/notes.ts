// Owns the report's notes: how the setup differs from production, and what went wrong in this run.
import { BENCH_VARS } from './gateway.ts';
import type { ScenarioRun } from './rounds.ts';

const SETUP_NOTES = [
  `Gateway variables besides wrangler.toml's: ${Object.keys(BENCH_VARS).join(', ')} (a fresh ENCRYPTION_KEY, the local-run switches, and for the failover scenario one try per provider with health demotion out of reach, so every failover request meets the failing provider first, as the peer's fallback config does).`,
  'The gateway runs with its D1, Durable Object, Queue (+ dead-letter queue) and R2 bindings from wrangler.toml, migrations applied, configured through its admin API; the dashboard assets binding is left out (not on the proxy path). "Logging off" is the same source bundled with `worker/proxy/log-records.ts` and `worker/logging/producer.ts` replaced by no-ops: no record building, sanitizing, Queue send, R2 put or consumer work; the in-stream capture remains.',
  'CPU per request: utime+stime of the target process (/proc/PID/stat, all threads, 10 ms ticks) divided by the requests completed in the saturation window; "incl. deferred" runs until the log consumer has written every row (the gateway\'s D1/R2 simulators live in the same workerd process). The mock and the client are not charged to anyone.',
  'The client sends no accept-encoding, so no target compresses; the pass-through Worker and the gateway share the Miniflare entry hop inside workerd.',
  'Where the time goes: `node bench/attribute.ts` measures the gateway built up one step at a time (proxy, balancer report, records, Queue, D1, R2); `node bench/profile.ts` CPU-profiles each workerd isolate under load. See bench/README.md.',
];

const PEER_STREAM_NOTE =
  'The peer\'s Node build cannot stream: with an OpenAI-protocol provider it appends its x-portkey-* headers to the upstream fetch Response, whose headers are immutable on Node (TypeError: immutable, answered as 500 "Something went wrong"; Portkey-AI/gateway issues 1389 and 1550). Its streaming row is therefore empty.';

/** Notes for this run: setup facts, log rows written, errors seen, targets that could not run. */
export function explainNotes(runs: ScenarioRun[], rows: { written: number; expected: number }): string[] {
  const notes = [
    `Logging on: the log consumer wrote ${rows.written} D1 index rows for ${rows.expected} expected (one per request, warm-ups and probes included, plus one per failed attempt).`,
  ];
  for (const run of runs) {
    const errors = new Map<string, number>();
    for (const round of run.rounds) {
      for (const [id, m] of Object.entries(round)) {
        if (m?.errors) errors.set(id, (errors.get(id) ?? 0) + m.errors);
      }
    }
    for (const [id, n] of errors)
      notes.push(`${run.title}: ${id} had ${n} non-200 answers or network errors.`);
  }
  if (runs.find((r) => r.id === 'stream')?.skipped.peer) notes.push(PEER_STREAM_NOTE);
  return [...notes, ...SETUP_NOTES];
}
