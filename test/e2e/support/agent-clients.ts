// Runs the real agent clients from npm (Codex CLI, Claude Code) against the gateway, each in a temporary home, offline.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
export const CODEX = path.join(ROOT, 'node_modules/@openai/codex/bin/codex.js');
const CLAUDE_DIR = path.join(ROOT, 'node_modules/@anthropic-ai/claude-code');

/**
 * Claude Code's postinstall puts its native binary over a small placeholder; where install scripts
 * did not run, its Node launcher starts the same binary.
 */
export function claudeCommand(): [string, string[]] {
  const native = path.join(CLAUDE_DIR, 'bin/claude.exe');
  return statSync(native).size > 100_000 ? [native, []] : [NODE, [path.join(CLAUDE_DIR, 'cli-wrapper.cjs')]];
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (stdin closed), killing it after `timeoutMs`. */
export function runCli(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 90_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh directory for one client run: `home` (its config) and `work` (its workspace). */
export function scratch(prefix: string): { home: string; work: string } {
  const root = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const home = path.join(root, 'home');
  const work = path.join(root, 'work');
  mkdirSync(home);
  mkdirSync(work);
  return { home, work };
}

/**
 * `codex exec` with the gateway as a custom Responses provider (CODEX_HOME/config.toml), the
 * gateway key in GW_KEY, no update check, and a writable workspace so apply_patch can land.
 */
export async function codexExec(opts: { gatewayUrl: string; key: string; model: string; prompt: string }) {
  const dirs = scratch('codex');
  writeFileSync(
    path.join(dirs.home, 'config.toml'),
    [
      `model = "${opts.model}"`,
      'model_provider = "gateway"',
      'model_reasoning_effort = "low"',
      'model_reasoning_summary = "auto"',
      'check_for_update_on_startup = false',
      '[model_providers.gateway]',
      'name = "LLM gateway"',
      `base_url = "${opts.gatewayUrl}/v1"`,
      'env_key = "GW_KEY"',
      'wire_api = "responses"',
      '',
    ].join('\n'),
  );
  const run = await runCli(
    NODE,
    [CODEX, 'exec', '--skip-git-repo-check', '-s', 'workspace-write', opts.prompt],
    {
      cwd: dirs.work,
      env: { PATH: process.env.PATH, HOME: dirs.home, CODEX_HOME: dirs.home, GW_KEY: opts.key },
    },
  );
  return { ...run, ...dirs };
}

/**
 * `claude -p` with ANTHROPIC_BASE_URL at the gateway, the gateway key as ANTHROPIC_API_KEY, the
 * models it asks for pointed at the gateway's model, and no nonessential traffic.
 */
export async function claudePrint(opts: {
  gatewayUrl: string;
  key: string;
  model: string;
  /** Built from the workspace directory, so the task can name a path inside it. */
  prompt: (work: string) => string;
  allowedTools: string;
}) {
  const dirs = scratch('claude');
  const [command, prefix] = claudeCommand();
  const args = [...prefix, '-p', opts.prompt(dirs.work), '--allowedTools', opts.allowedTools];
  const run = await runCli(command, args, {
    cwd: dirs.work,
    env: {
      PATH: process.env.PATH,
      HOME: dirs.home,
      ANTHROPIC_BASE_URL: opts.gatewayUrl,
      ANTHROPIC_API_KEY: opts.key,
      ANTHROPIC_MODEL: opts.model,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: opts.model,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    },
  });
  return { ...run, ...dirs };
}
