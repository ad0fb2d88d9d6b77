// The real clients people put behind a gateway, from npm, each doing a two-turn tool task on every provider route (SPEC §16).
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, it } from 'vitest';
import { claudeCodeTask, codexTask } from './support/clients-cli.ts';
import {
  agentsTask,
  aiSdkAnthropicTask,
  aiSdkChatTask,
  aiSdkResponsesTask,
  langchainAnthropicTask,
  langchainOpenAITask,
} from './support/clients-sdks.ts';
import { ClientsTable, clientCell, ROUTES, type Route } from './support/clients-table.ts';

const ARTIFACT = fileURLToPath(new URL('../artifacts/clients.md', import.meta.url));

const CLIENTS: Record<string, (route: Route) => Promise<void>> = {
  'Codex CLI (`codex exec`)': codexTask,
  'Claude Code (`claude -p`)': claudeCodeTask,
  'AI SDK `openai()` (Responses)': aiSdkResponsesTask,
  'AI SDK `openai.chat()`': aiSdkChatTask,
  'AI SDK `anthropic()`': aiSdkAnthropicTask,
  'LangChain `ChatOpenAI`': langchainOpenAITask,
  'LangChain `ChatAnthropic`': langchainAnthropicTask,
  'OpenAI Agents SDK': agentsTask,
};

const table = new ClientsTable(Object.keys(CLIENTS));

afterEach(({ task }) => {
  table.record(task.name, task.result?.state);
});

afterAll(() => {
  table.write(ARTIFACT);
});

for (const [client, task] of Object.entries(CLIENTS)) {
  describe(client, () => {
    for (const route of ROUTES) it(clientCell(client, route), () => task(route), 120_000);
  });
}
