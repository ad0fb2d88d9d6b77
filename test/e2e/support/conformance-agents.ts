// Codex- and Claude-Code-shaped conformance cells: freeform tools, namespaces, stored follow-ups and recorded agent turns.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Response, ResponseInputItem, Tool } from 'openai/resources/responses/responses';
import { expect } from 'vitest';
import { type Pair, SDK_TIMEOUT_MS } from './conformance-gateway.ts';
import { gatewayUrl } from './gateway.ts';

type Json = Record<string, unknown>;

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/clients');
const PATCH = '*** Begin Patch\n*** Add File: notes.txt\n+first line\n*** End Patch\n';
const APPLY_PATCH: Tool = {
  type: 'custom',
  name: 'apply_patch',
  description: 'Edit files. This is a FREEFORM tool.',
  format: { type: 'grammar', syntax: 'lark', definition: 'start: /(.|\\n)+/' },
};

function recording(name: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Json;
}

async function streamedResponse(pair: Pair, body: Json): Promise<Response> {
  return pair
    .openai()
    .responses.stream(body as never)
    .finalResponse();
}

/** Sends a recorded agent request as it was, only the model changed, and returns the raw answer. */
async function replay(pair: Pair, endpoint: string, body: Json): Promise<globalThis.Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${pair.key}`,
  };
  if (endpoint === '/v1/messages') headers['anthropic-version'] = '2023-06-01';
  return fetch(`${gatewayUrl()}${endpoint}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...body, model: pair.model }),
    signal: AbortSignal.timeout(SDK_TIMEOUT_MS),
  });
}

/** The types of the SSE events of a stream, in order. */
async function eventTypes(res: globalThis.Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => String((JSON.parse(l.slice(6)) as Json).type));
}

export const agentCells = {
  /** Codex's apply_patch: the call comes back as `custom_tool_call` with the whole patch, and its output goes up. */
  async 'Codex: custom tools'(pair: Pair): Promise<void> {
    const first = await streamedResponse(pair, {
      model: pair.model,
      tools: [APPLY_PATCH],
      input: `[mock tool=apply_patch]${PATCH}[/mock]`,
      store: false,
    });
    const call = first.output.find((o) => o.type === 'custom_tool_call');
    expect(call).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: PATCH });
    const input: ResponseInputItem[] = [
      { role: 'user', content: 'add the notes file' },
      { type: 'custom_tool_call', call_id: String(call?.call_id), name: 'apply_patch', input: PATCH },
      { type: 'custom_tool_call_output', call_id: String(call?.call_id), output: 'Success. A notes.txt' },
    ];
    const second = await streamedResponse(pair, {
      model: pair.model,
      tools: [APPLY_PATCH],
      input,
      store: false,
    });
    expect(second.output_text).toBe('Echo: Success. A notes.txt');
  },

  /** Tools grouped in a namespace: the call names the tool and its namespace, as the client defined them. */
  async 'Codex: namespace'(pair: Pair): Promise<void> {
    const tools = [
      {
        type: 'namespace',
        name: 'calendar',
        description: 'Calendar tools',
        tools: [
          {
            type: 'function',
            name: 'list_events',
            description: 'Events of a day',
            parameters: { type: 'object', properties: { day: { type: 'string' } }, required: ['day'] },
          },
        ],
      },
    ];
    const res = await streamedResponse(pair, {
      model: pair.model,
      tools,
      input: 'what is on today?',
      store: false,
    });
    const call = res.output.find((o) => o.type === 'function_call') as unknown as Json;
    expect(call).toMatchObject({ type: 'function_call', name: 'list_events', namespace: 'calendar' });
  },

  /** A follow-up by `previous_response_id` carries the first turn, whichever provider serves it. */
  async 'Codex: stored follow-up'(pair: Pair): Promise<void> {
    const first = await pair.openai().responses.create({ model: pair.model, input: 'the first turn' });
    const second = await pair.openai().responses.create({
      model: pair.model,
      previous_response_id: first.id,
      input: 'the second turn',
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.output_text).toBe('Echo: the second turn');
    const sent = (await pair.last()).body;
    if (pair.provider === 'openai_responses') expect(sent.previous_response_id).toBe(first.id);
    else expect(JSON.stringify(sent)).toContain('Echo: the first turn');
    expect((await pair.openai().responses.retrieve(second.id)).id).toBe(second.id);
  },

  /** Codex's recorded second turn (apply_patch, tool search, cached-only web search, encrypted reasoning). */
  async 'Codex: recorded turn'(pair: Pair): Promise<void> {
    const res = await replay(pair, '/v1/responses', {
      ...recording('codex/turn2.request.json'),
      store: false,
    });
    expect(res.status).toBe(200);
    const types = await eventTypes(res);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
  },

  /** Claude Code's recorded second turn (system messages, adaptive thinking, signed thinking, a tool result). */
  async 'Claude Code: recorded turn'(pair: Pair): Promise<void> {
    const res = await replay(pair, '/v1/messages', recording('claude-code/turn2.request.json'));
    expect(res.status).toBe(200);
    const types = await eventTypes(res);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
  },
};
