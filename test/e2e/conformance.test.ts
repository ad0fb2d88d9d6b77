// The protocol conformance matrix: client protocol × provider protocol × feature, one test per cell, through wrangler dev.
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, it } from 'vitest';
import { agentCells } from './support/conformance-agents.ts';
import { chatCells } from './support/conformance-chat.ts';
import { completionsCells } from './support/conformance-completions.ts';
import { type ClientProtocol, openPair } from './support/conformance-gateway.ts';
import { geminiCells } from './support/conformance-gemini.ts';
import {
  type CellDrivers,
  CLIENTS,
  ConformanceMatrix,
  cellName,
  FEATURES,
  notApplicable,
  PROVIDERS,
} from './support/conformance-matrix.ts';
import { messagesCells } from './support/conformance-messages.ts';
import { responsesCells } from './support/conformance-responses.ts';

const ARTIFACT = fileURLToPath(new URL('../artifacts/conformance.md', import.meta.url));
// Longer than the SDK timeout, so a hang shows up as the SDK's timeout error rather than a stuck suite.
const CELL_TIMEOUT_MS = 30_000;

const { 'Claude Code: recorded turn': claudeCodeTurn, ...codexCells } = agentCells;

const DRIVERS: Record<ClientProtocol, CellDrivers> = {
  chat: chatCells,
  messages: { ...messagesCells, 'Claude Code: recorded turn': claudeCodeTurn },
  responses: { ...responsesCells, ...codexCells },
  completions: completionsCells,
  gemini: geminiCells,
};

const matrix = new ConformanceMatrix();

// The result state is final before afterEach runs: a failing or timed-out cell is never recorded as passing.
afterEach(({ task }) => {
  matrix.record(task.name, task.result?.state);
});

afterAll(() => {
  matrix.write(ARTIFACT);
});

for (const client of CLIENTS) {
  describe(`${client} client`, () => {
    for (const provider of PROVIDERS) {
      for (const feature of FEATURES) {
        const name = cellName(client, provider, feature);
        const reason = notApplicable(client, provider, feature);
        if (reason !== undefined) {
          matrix.markNotApplicable(name, reason);
          continue;
        }
        const driver = DRIVERS[client][feature];
        if (driver === undefined) throw new Error(`no test for the expressible cell ${name}`);
        it(name, async () => driver(await openPair(client, provider)), CELL_TIMEOUT_MS);
      }
    }
  });
}
