// Command-line entry: starts the mock upstream, prints its URL, stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startMockUpstream } from './server.ts';

const USAGE = `usage: node test/mock-upstream/cli.ts [--port 9100] [--host 127.0.0.1] [--delay-ms 0]
  [--response-bytes 0] [--chunks 4] [--chunk-gap-ms 0] [--max-recorded 1000]`;

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${flag} expects a non-negative integer, got "${value}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'delay-ms': { type: 'string' },
    'response-bytes': { type: 'string' },
    chunks: { type: 'string' },
    'chunk-gap-ms': { type: 'string' },
    'max-recorded': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const mock = await startMockUpstream({
  port: count('port', values.port),
  host: values.host,
  delayMs: count('delay-ms', values['delay-ms']),
  responseBytes: count('response-bytes', values['response-bytes']),
  chunks: count('chunks', values.chunks),
  chunkGapMs: count('chunk-gap-ms', values['chunk-gap-ms']),
  maxRecorded: count('max-recorded', values['max-recorded']),
});
// stdout carries only the URL so scripts can read it; the rest goes to stderr.
console.log(mock.url);
console.error(`mock upstream listening on ${mock.url} (provider base URL: ${mock.providerUrl('<name>')})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    mock.close().then(() => process.exit(0));
  });
}
