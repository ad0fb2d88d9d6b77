// The README's clients table: which real client completed its two-turn tool task on which provider route.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const ROUTES = ['openai', 'anthropic', 'openai_responses'] as const;
export type Route = (typeof ROUTES)[number];

const ROUTE_LABEL: Record<Route, string> = {
  openai: 'Chat provider',
  anthropic: 'Anthropic provider',
  openai_responses: 'Responses provider',
};

/** The test name of a cell; the table is recovered from it. */
export function clientCell(client: string, route: Route): string {
  return `${client} → ${route}: two-turn tool task`;
}

export class ClientsTable {
  private readonly outcomes = new Map<string, string>();
  private readonly clients: readonly string[];

  constructor(clients: readonly string[]) {
    this.clients = clients;
  }

  record(name: string, state: string | undefined): void {
    this.outcomes.set(name, state === 'pass' ? '✅' : state === 'fail' ? '❌' : '—');
  }

  markdown(generatedAt: Date): string {
    const rows = this.clients.map(
      (client) =>
        `| ${client} | ${ROUTES.map((r) => this.outcomes.get(clientCell(client, r)) ?? '—').join(' | ')} |`,
    );
    return [
      `| client | ${ROUTES.map((r) => ROUTE_LABEL[r]).join(' | ')} |`,
      `|---|${ROUTES.map(() => ':-:').join('|')}|`,
      ...rows,
      '',
      `✅ completed a two-turn tool task · ❌ failed · — not run (generated ${generatedAt.toISOString().slice(0, 10)} by test/e2e/clients.test.ts)`,
      '',
    ].join('\n');
  }

  write(path: string, generatedAt = new Date()): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.markdown(generatedAt));
  }
}
