// Records the request bodies real agent clients send (Codex CLI, Claude Code) against the mock upstream into test/fixtures/clients/.
//
// `node scripts/record-client-fixtures.ts` runs each client once, offline, with a temporary home, on a
// two-turn task (a tool call, then its result), and stores what the mock received with identifying
// values replaced by fixed placeholders. Re-run it when a client's version changes, then review the
// converter goldens beside the recordings (test/fixtures/clients/README.md).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CODEX, claudeCommand, NODE, runCli } from '../test/e2e/support/agent-clients.ts';
import { startMockUpstream } from '../test/mock-upstream/server.ts';

const OUT = path.resolve(import.meta.dirname, '../test/fixtures/clients');

type Json = Record<string, unknown>;

/** Runs a client to its end; the mock answers from this same process meanwhile. */
async function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const result = await runCli(command, args, { ...options, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`${path.basename(command)} exited ${result.code}: ${result.stderr}`);
}

/** Fixed stand-ins for what identifies a machine, a session or a directory. */
function scrub(text: string, scratch: string): string {
  return text
    .replaceAll(path.join(scratch, 'work'), '/work/project')
    .replaceAll(scratch, '/home/user')
    .replaceAll(scratch.replaceAll('/', '-'), '-home-user')
    .replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      '00000000-0000-0000-0000-000000000000',
    )
    .replace(/"device_id\\*":\\*"[0-9a-f]+/g, (m) => m.replace(/[0-9a-f]{16,}$/, '0'.repeat(64)))
    .replace(/\b20\d\d-\d\d-\d\d\b/g, '2026-01-01');
}

function save(name: string, body: string, scratch: string): void {
  const json = JSON.parse(scrub(body, scratch)) as Json;
  mkdirSync(path.dirname(path.join(OUT, name)), { recursive: true });
  writeFileSync(path.join(OUT, name), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${name}`);
}

function codexConfig(home: string, baseUrl: string, model: string): void {
  writeFileSync(
    path.join(home, 'config.toml'),
    [
      `model = "${model}"`,
      'model_provider = "gw"',
      'model_reasoning_effort = "low"',
      'model_reasoning_summary = "auto"',
      'check_for_update_on_startup = false',
      '[model_providers.gw]',
      'name = "gateway"',
      `base_url = "${baseUrl}"`,
      'env_key = "GW_KEY"',
      'wire_api = "responses"',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const mock = await startMockUpstream({});
  const scratch = mkdtempSync(path.join(tmpdir(), 'client-fixtures-'));
  const work = path.join(scratch, 'work');
  mkdirSync(work);
  try {
    // gpt-5.5 is in Codex's model catalogue (freeform apply_patch, client tool_search); an unknown
    // model gets the fallback tool set, which groups the sub-agent tools in a namespace.
    for (const [model, name] of [
      ['gpt-5.5', 'codex/turn'],
      ['gpt-5-codex', 'codex/namespace-turn'],
    ] as const) {
      const home = path.join(scratch, `codex-${model}`);
      mkdirSync(home);
      codexConfig(home, mock.providerUrl(`codex-${model}`), model);
      await run(NODE, [CODEX, 'exec', '--skip-git-repo-check', '-s', 'read-only', 'echo gateway-check'], {
        cwd: work,
        env: { PATH: process.env.PATH, HOME: home, CODEX_HOME: home, GW_KEY: 'sk-recording' },
      });
      for (const [i, r] of mock.requests(`codex-${model}`).entries())
        save(`${name}${i + 1}.request.json`, r.body, scratch);
    }
    const home = path.join(scratch, 'claude');
    mkdirSync(home);
    const [command, prefix] = claudeCommand();
    await run(command, [...prefix, '-p', 'echo gateway-check', '--allowedTools', 'Bash(echo:*)'], {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        ANTHROPIC_BASE_URL: mock.providerUrl('claude', { v1: false }),
        ANTHROPIC_API_KEY: 'sk-recording',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
      },
    });
    const turns = mock.requests('claude').filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    for (const [i, r] of turns.entries()) save(`claude-code/turn${i + 1}.request.json`, r.body, scratch);
  } finally {
    await mock.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
