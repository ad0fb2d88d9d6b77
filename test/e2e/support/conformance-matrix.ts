// The conformance matrix: its cells, the ones the protocols cannot express (and why), recorded outcomes, its Markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { familyOf } from './conformance-cloud.ts';
import type { ClientProtocol, Pair, ProviderProtocol } from './conformance-gateway.ts';

export const CLIENTS: readonly ClientProtocol[] = ['chat', 'messages', 'responses', 'completions', 'gemini'];
export const PROVIDERS: readonly ProviderProtocol[] = [
  'openai',
  'anthropic',
  'openai_responses',
  'gemini',
  'azure_openai',
  'bedrock_anthropic',
  'bedrock_converse',
  'vertex_gemini',
  'vertex_anthropic',
];
export const FEATURES = [
  'text',
  'stream',
  'tools',
  'streamed tools',
  'images',
  'reasoning',
  'usage incl. cache',
  'error',
  'stream ≡ non-stream',
  'malformed JSON',
  'malformed SSE',
  'Codex: custom tools',
  'Codex: namespace',
  'Codex: stored follow-up',
  'Codex: recorded turn',
  'Claude Code: recorded turn',
] as const;
export type Feature = (typeof FEATURES)[number];

/** The provider protocol each client speaks natively: that pair relays bytes instead of converting. */
const NATIVE: Record<ClientProtocol, ProviderProtocol> = {
  chat: 'openai',
  messages: 'anthropic',
  responses: 'openai_responses',
  completions: 'openai',
  gemini: 'gemini',
};

const COMPLETIONS_CANNOT: Partial<Record<Feature, string>> = {
  tools: 'legacy Completions has no tools or tool calls',
  'streamed tools': 'legacy Completions has no tools or tool calls',
  images: 'legacy Completions takes a text prompt only',
  reasoning: 'legacy Completions has no field for reasoning output',
  'usage incl. cache': 'legacy Completions has no way to ask for prompt caching',
};

/** Why a cell cannot be tested, or undefined when the protocols can express it. */
export function notApplicable(
  client: ClientProtocol,
  provider: ProviderProtocol,
  feature: Feature,
): string | undefined {
  if (feature.startsWith('Codex:') && client !== 'responses') return 'Codex speaks only the Responses API';
  if (feature.startsWith('Claude Code:') && client !== 'messages')
    return 'Claude Code speaks only Anthropic Messages';
  if (client === 'completions' && COMPLETIONS_CANNOT[feature]) return COMPLETIONS_CANNOT[feature];
  const family = familyOf(provider);
  if (
    client === 'gemini' &&
    (family === 'anthropic' || family === 'bedrock_converse') &&
    feature === 'usage incl. cache'
  ) {
    return 'a Gemini request has no cache markers, and Anthropic and Bedrock cache only marked prefixes';
  }
  if ((feature === 'malformed JSON' || feature === 'malformed SSE') && NATIVE[client] === family) {
    return 'same protocol: the upstream bytes are relayed unchanged, nothing is converted';
  }
  return undefined;
}

/** The test name of a cell; the matrix is recovered from it. */
export function cellName(client: ClientProtocol, provider: ProviderProtocol, feature: Feature): string {
  return `${client}→${provider}: ${feature}`;
}

type Outcome = 'pass' | 'fail' | 'not run' | { na: string };

const SUPERSCRIPTS = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** Collects one outcome per cell during a run and renders them as a Markdown table. */
export class ConformanceMatrix {
  private readonly outcomes = new Map<string, Outcome>();

  markNotApplicable(name: string, reason: string): void {
    this.outcomes.set(name, { na: reason });
  }

  /** Records a finished test by name; only a test whose result state is `pass` counts as passing. */
  record(name: string, state: string | undefined): void {
    const current = this.outcomes.get(name);
    if (current !== undefined && typeof current === 'object') return;
    this.outcomes.set(name, state === 'pass' ? 'pass' : state === 'fail' ? 'fail' : 'not run');
  }

  private outcome(name: string): Outcome {
    return this.outcomes.get(name) ?? 'not run';
  }

  markdown(generatedAt: Date): string {
    const reasons: string[] = [];
    const mark = (o: Outcome): string => {
      if (o === 'pass') return '✅';
      if (o === 'fail') return '❌';
      if (o === 'not run') return '—';
      if (!reasons.includes(o.na)) reasons.push(o.na);
      return `n/a${SUPERSCRIPTS[reasons.indexOf(o.na)] ?? `(${reasons.indexOf(o.na) + 1})`}`;
    };
    const rows: string[] = [];
    const counts = { pass: 0, fail: 0, na: 0, notRun: 0 };
    for (const client of CLIENTS) {
      for (const provider of PROVIDERS) {
        const cells = FEATURES.map((feature) => this.outcome(cellName(client, provider, feature)));
        for (const o of cells) {
          if (o === 'pass') counts.pass++;
          else if (o === 'fail') counts.fail++;
          else if (o === 'not run') counts.notRun++;
          else counts.na++;
        }
        rows.push(`| ${client} → ${provider} | ${cells.map(mark).join(' | ')} |`);
      }
    }
    const summary =
      `${counts.pass} passing, ${counts.fail} failing, ${counts.na} n/a, ${counts.notRun} not run ` +
      `(generated ${generatedAt.toISOString().slice(0, 10)} by test/e2e/conformance.test.ts)`;
    return [
      `| client → provider | ${FEATURES.join(' | ')} |`,
      `|---|${FEATURES.map(() => ':-:').join('|')}|`,
      ...rows,
      '',
      ...reasons.map((r, i) => `${SUPERSCRIPTS[i] ?? `(${i + 1})`} ${r}  `),
      '',
      `✅ a passing test · ❌ a failing test · — not run · ${summary}`,
      '',
    ].join('\n');
  }

  /** Writes the table to `path` (creating its folder). */
  write(path: string, generatedAt = new Date()): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.markdown(generatedAt));
  }
}

/** The test body of each cell a client protocol can express, by feature. */
export type CellDrivers = Partial<Record<Feature, (pair: Pair) => Promise<void>>>;
