// Golden tests on the request bodies real clients sent (test/fixtures/clients/): what each becomes on every provider protocol.
import { describe, expect, it } from 'vitest';
import { chatRequestToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-request';
import { messagesRequestToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-request';
import { chatRequestToResponses, responsesRequestToChat } from '../../../../worker/protocols/responses';
import type { JsonObject } from '../../../../worker/protocols/types';

const FILES = import.meta.glob('../../../fixtures/clients/**/*.json', {
  import: 'default',
  eager: true,
}) as Record<string, JsonObject>;

function fixture(name: string): JsonObject {
  const json = FILES[`../../../fixtures/clients/${name}`];
  if (json === undefined) throw new Error(`missing fixture ${name}`);
  return json;
}

const CODEX = ['turn1', 'turn2', 'namespace-turn1', 'namespace-turn2', 'tool-search-turn3'];
const CLAUDE = ['turn1', 'turn2'];

function toolNames(chat: JsonObject): string[] {
  return (chat.tools as { function: { name: string } }[]).map((t) => t.function.name);
}

describe('Codex CLI requests (recorded)', () => {
  for (const turn of CODEX) {
    it(`${turn}: converts to Chat and on to Anthropic as recorded (golden)`, () => {
      const chat = responsesRequestToChat(fixture(`codex/${turn}.request.json`));
      expect(chat).toEqual(fixture(`codex/${turn}.chat.json`));
      expect(chatRequestToMessages(chat)).toEqual(fixture(`codex/${turn}.messages.json`));
    });
  }

  it('never turns its cached-only web search into live search, on Chat or Anthropic', () => {
    for (const turn of CODEX) {
      const request = fixture(`codex/${turn}.request.json`);
      expect(JSON.stringify(request.tools)).toContain('"external_web_access":false');
      const chat = responsesRequestToChat(request);
      expect(chat.web_search_options).toBeUndefined();
      const messages = chatRequestToMessages(chat);
      expect(JSON.stringify(messages.tools)).not.toMatch(/web_search/);
    }
  });

  it('offers the freeform apply_patch tool as a function of one string, grammar in its description', () => {
    const chat = responsesRequestToChat(fixture('codex/turn1.request.json'));
    const patch = (chat.tools as JsonObject[]).find(
      (t) => (t.function as JsonObject).name === 'apply_patch',
    ) as { function: JsonObject };
    expect(patch.function.parameters).toEqual({
      type: 'object',
      properties: { input: { type: 'string', description: 'The raw input of the tool.' } },
      required: ['input'],
      additionalProperties: false,
    });
    expect(patch.function.description).toContain('begin_patch: "*** Begin Patch" LF');
    const anthropic = chatRequestToMessages(chat);
    expect((anthropic.tools as JsonObject[]).map((t) => t.name)).toContain('apply_patch');
  });

  it('offers the client-run tool_search as a function with the schema Codex gave it', () => {
    const chat = responsesRequestToChat(fixture('codex/turn1.request.json'));
    const search = (chat.tools as { function: JsonObject }[]).find((t) => t.function.name === 'tool_search');
    expect(search?.function.parameters).toMatchObject({ required: ['query'] });
  });

  it('flattens namespace tools to <namespace>__<name> functions', () => {
    const chat = responsesRequestToChat(fixture('codex/namespace-turn1.request.json'));
    expect(toolNames(chat)).toEqual(
      expect.arrayContaining(['multi_agent_v1__spawn_agent', 'multi_agent_v1__close_agent', 'exec_command']),
    );
    expect(toolNames(chat)).not.toContain('multi_agent_v1');
  });

  it('adds tools loaded by tool search and additional_tools, and replays calls to them', () => {
    const chat = responsesRequestToChat(fixture('codex/tool-search-turn3.request.json'));
    expect(toolNames(chat)).toEqual(expect.arrayContaining(['mcp__calendar__list_events', 'notify']));
    const messages = chat.messages as JsonObject[];
    const calls = messages.flatMap((m) => (m.tool_calls as { function: JsonObject }[] | undefined) ?? []);
    expect(calls.map((c) => c.function.name)).toEqual([
      'exec_command',
      'tool_search',
      'mcp__calendar__list_events',
      'apply_patch',
    ]);
    expect(JSON.parse(String(calls[3]?.function.arguments))).toEqual({
      input: '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n',
    });
    expect(messages).toContainEqual({
      role: 'tool',
      tool_call_id: 'call_search_1',
      content: 'Tools now available: mcp__calendar__list_events',
    });
  });

  it('keeps developer messages and drops client_metadata', () => {
    const chat = responsesRequestToChat(fixture('codex/turn1.request.json'));
    expect((chat.messages as JsonObject[])[0]?.role).toBe('developer');
    expect(JSON.stringify(chat)).not.toContain('client_metadata');
  });
});

describe('Claude Code requests (recorded)', () => {
  for (const turn of CLAUDE) {
    it(`${turn}: converts to Chat and on to Responses as recorded (golden)`, () => {
      const chat = messagesRequestToChat(fixture(`claude-code/${turn}.request.json`));
      expect(chat).toEqual(fixture(`claude-code/${turn}.chat.json`));
      expect(chatRequestToResponses(chat)).toEqual(fixture(`claude-code/${turn}.responses.json`));
    });
  }

  it('keeps its system messages, tools and signed thinking across the conversion', () => {
    const request = fixture('claude-code/turn2.request.json');
    const chat = messagesRequestToChat(request);
    expect(toolNames(chat)).toHaveLength((request.tools as unknown[]).length);
    const messages = chat.messages as JsonObject[];
    expect(messages.filter((m) => m.role === 'system').length).toBeGreaterThanOrEqual(2);
    const assistant = messages.find((m) => m.role === 'assistant') as JsonObject;
    expect(assistant.thinking_blocks).toEqual([
      expect.objectContaining({ type: 'thinking', signature: expect.any(String) }),
    ]);
  });
});
