// Owns the benchmark's knobs: scenario sizes and rounds, a --quick mode for trying the harness, extras.
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  rounds: number;
  /** Sequential requests per target per round. */
  seqSmall: number;
  seqLarge: number;
  streams: number;
  /** Closed-loop concurrency and window of the saturation scenario. */
  saturationConcurrency: number;
  saturationMs: number;
  slowConcurrency: number;
  slowMs: number;
  slowRounds: number;
  failovers: number;
  /** Extra labelled row: the gateway behind `wrangler dev` (its own proxy hop), 1 KB sequential only. */
  wranglerDev: boolean;
  skipPeer: boolean;
  /** Client and mock on CPU 0, each target on CPU 1 (off with --no-pin). */
  pin: boolean;
  quick: boolean;
  /** Another checkout whose gateway runs as an extra target in the same interleaved rounds. */
  baseline: string | null;
  /** Scenario ids to run (`--only cache,balancer-delay`); all when empty. */
  only: string[];
}

const USAGE = `usage: npm run bench [-- --quick] [--rounds N] [--wrangler-dev] [--no-peer] [--no-pin] [--baseline DIR] [--only ID,…]`;

export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'wrangler-dev': { type: 'boolean', default: false },
      'no-peer': { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      baseline: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick === true;
  const rounds = values.rounds ? Number(values.rounds) : quick ? 2 : 5;
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds expects a positive integer\n${USAGE}`);
  return {
    rounds,
    seqSmall: quick ? 50 : 200,
    seqLarge: quick ? 20 : 60,
    streams: quick ? 10 : 25,
    saturationConcurrency: 32,
    saturationMs: quick ? 1000 : 2500,
    slowConcurrency: 64,
    slowMs: quick ? 1000 : 2500,
    slowRounds: Math.min(rounds, 3),
    failovers: quick ? 20 : 100,
    wranglerDev: values['wrangler-dev'] === true,
    skipPeer: values['no-peer'] === true,
    pin: values['no-pin'] !== true,
    quick,
    baseline: values.baseline ? path.resolve(values.baseline) : null,
    only: (values.only ?? '').split(',').filter(Boolean),
  };
}
