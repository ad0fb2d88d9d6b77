// `npm run conformance` / `npm run clients`: copies the table a test run wrote into README.md, between its markers.
import { readFileSync, writeFileSync } from 'node:fs';

// `conformance` (the protocol matrix) or `clients` (the real agent clients per route).
const name = process.argv[2] ?? 'conformance';
const source = { conformance: 'test/e2e/conformance.test.ts', clients: 'test/e2e/clients.test.ts' }[name];
if (!source) {
  console.error(`conformance-readme: unknown table "${name}" (conformance or clients)`);
  process.exit(1);
}
const artifact = new URL(`../test/artifacts/${name}.md`, import.meta.url);
const readme = new URL('../README.md', import.meta.url);
const START = `<!-- ${name}:start -->`;
const END = `<!-- ${name}:end -->`;

function fail(message) {
  console.error(`conformance-readme: ${message}`);
  process.exit(1);
}

let table;
try {
  table = readFileSync(artifact, 'utf8').trim();
} catch {
  fail(`test/artifacts/${name}.md is missing; run \`vitest run --project node ${source}\` first`);
}

// The README shows a complete, green run only: a failing (❌) or not-run (—) cell means a partial one.
const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| client'));
const incomplete = rows.filter((row) => row.includes('| ❌ ') || row.includes('| — '));
if (rows.length === 0) fail(`test/artifacts/${name}.md holds no table rows`);
if (incomplete.length > 0) {
  fail(`the last run was not complete and green:\n${incomplete.join('\n')}`);
}

const text = readFileSync(readme, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) fail(`README.md has no ${START} … ${END} section`);
writeFileSync(readme, `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`);
console.log(`README.md: ${name} table updated (${rows.length} rows)`);
