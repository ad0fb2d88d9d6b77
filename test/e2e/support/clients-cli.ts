// Codex CLI and Claude Code, each doing a two-turn tool task with its own tool on one provider route.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { claudePrint, codexExec } from './agent-clients.ts';
import type { Route } from './clients-table.ts';
import { gatewayUrl, mockUrl, setupGateway, unique } from './gateway.ts';

type Json = Record<string, unknown>;

/** The bodies the mock received for a provider, oldest first. */
export async function mockBodies(provider: string): Promise<Json[]> {
  const res = await fetch(`${mockUrl()}/__mock/requests?provider=${provider}`);
  const { requests } = (await res.json()) as { requests: { body: string; path: string }[] };
  return requests.filter((r) => r.body.startsWith('{')).map((r) => JSON.parse(r.body) as Json);
}

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello through the gateway\n*** End Patch\n';

/** What the second request to each provider protocol carries back: the tool's result. */
function expectToolResultSent(route: Route, body: Json): void {
  const text = JSON.stringify(body);
  if (route === 'openai') expect((body.messages as Json[]).some((m) => m.role === 'tool')).toBe(true);
  if (route === 'anthropic') expect(text).toContain('"tool_result"');
  if (route === 'openai_responses') expect(text).toMatch(/"custom_tool_call_output"|"function_call_output"/);
}

/**
 * Codex (Responses only) applies a real patch with its freeform apply_patch tool: the mock calls the
 * tool with the patch from the prompt, Codex writes the file and sends the result back.
 */
export async function codexTask(route: Route): Promise<void> {
  // `gpt-5.5…` is in Codex's catalogue: it sends its freeform apply_patch and client tool search.
  const g = await setupGateway([{ protocol: route }], { requested_model: unique('gpt-5.5-e2e') });
  const run = await codexExec({
    gatewayUrl: gatewayUrl(),
    key: g.key,
    model: g.model,
    prompt: `[mock tool=apply_patch]${PATCH}[/mock]`,
  });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(readFileSync(path.join(run.work, 'hello.txt'), 'utf8')).toBe('hello through the gateway\n');
  expect(run.stdout).toContain('Echo:');
  const bodies = await mockBodies(g.providers[0]!.name);
  expect(bodies).toHaveLength(2);
  expectToolResultSent(route, bodies[1]!);
  if (route === 'openai') {
    expect(bodies[0]!.web_search_options).toBeUndefined();
    const names = (bodies[0]!.tools as { function: Json }[]).map((t) => t.function.name);
    expect(names).toEqual(expect.arrayContaining(['apply_patch', 'tool_search', 'exec_command']));
  }
}

/** Claude Code writes a file with its Write tool; the mock asks for the path the prompt names. */
export async function claudeCodeTask(route: Route): Promise<void> {
  const g = await setupGateway([
    { protocol: route, target: route === 'anthropic' ? 'claude-sonnet-4-5' : 'gpt-4o' },
  ]);
  let target = '';
  const run = await claudePrint({
    gatewayUrl: gatewayUrl(),
    key: g.key,
    model: g.model,
    allowedTools: 'Write',
    prompt: (work) => {
      target = path.join(work, 'claude-out.txt');
      return `[mock tool=Write]${target}[/mock]`;
    },
  });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(readFileSync(target, 'utf8')).toBe(target);
  const bodies = await mockBodies(g.providers[0]!.name);
  expect(bodies.length).toBeGreaterThanOrEqual(2);
  expectToolResultSent(route, bodies.at(-1)!);
  if (route === 'openai') expect(bodies[0]!.max_completion_tokens).toBe(16384);
}
