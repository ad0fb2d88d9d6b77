// A Chat client's freeform (custom) tools on an Anthropic provider: offered as one-string functions, calls turned back.
import { describe, expect, it } from 'vitest';
import { chatRequestToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-request';
import {
  restoreCustomCallStream,
  restoreCustomCalls,
} from '../../../../worker/protocols/shared/custom-tools';
import type { JsonObject } from '../../../../worker/protocols/types';

const PATCH = '*** Begin Patch\n*** Add File: a.txt\n+é\n*** End Patch\n';

describe('Chat custom tools → Anthropic', () => {
  it('offers a custom tool as a tool of one string input, grammar in the description, and replays its calls', () => {
    const out = chatRequestToMessages({
      model: 'm',
      tools: [
        {
          type: 'custom',
          custom: {
            name: 'apply_patch',
            description: 'Edit files',
            format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: /.+/' } },
          },
        },
      ],
      tool_choice: { type: 'custom', custom: { name: 'apply_patch' } },
      messages: [
        { role: 'user', content: 'patch it' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'custom', custom: { name: 'apply_patch', input: PATCH } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'done' },
      ],
    });
    const [tool] = out.tools as JsonObject[];
    expect(tool).toMatchObject({
      name: 'apply_patch',
      input_schema: { type: 'object', required: ['input'], properties: { input: { type: 'string' } } },
    });
    expect(String(tool?.description)).toContain('start: /.+/');
    expect(out.tool_choice).toEqual({ type: 'tool', name: 'apply_patch' });
    const assistant = (out.messages as JsonObject[])[1] as { content: JsonObject[] };
    expect(assistant.content).toEqual([
      { type: 'tool_use', id: 'c1', name: 'apply_patch', input: { input: PATCH } },
    ]);
  });

  it('turns a function call to a custom tool back into a custom call (body)', () => {
    const body = {
      choices: [
        {
          message: {
            role: 'assistant',
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) },
              },
              { id: 'c2', type: 'function', function: { name: 'other', arguments: '{}' } },
            ],
          },
        },
      ],
    };
    const out = restoreCustomCalls(body, new Set(['apply_patch'])) as { choices: { message: JsonObject }[] };
    expect(out.choices[0]?.message.tool_calls).toEqual([
      { id: 'c1', type: 'custom', custom: { name: 'apply_patch', input: PATCH } },
      { id: 'c2', type: 'function', function: { name: 'other', arguments: '{}' } },
    ]);
  });

  it('streams a custom call as decoded input fragments', () => {
    const stream = restoreCustomCallStream(new Set(['apply_patch']));
    const args = JSON.stringify({ input: PATCH });
    const pieces = [args.slice(0, 7), args.slice(7, 30), args.slice(30)];
    const chunk = (call: JsonObject) => ({
      data: JSON.stringify({
        id: 'x',
        choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }],
      }),
    });
    const out = [
      chunk({ index: 0, id: 'c1', type: 'function', function: { name: 'apply_patch', arguments: '' } }),
      ...pieces.map((p) => chunk({ index: 0, function: { arguments: p } })),
    ].flatMap((e) => stream.push(e));
    const calls = out.map(
      (e) =>
        (JSON.parse(e.data) as { choices: { delta: { tool_calls: JsonObject[] } }[] }).choices[0]?.delta
          .tool_calls[0],
    );
    expect(calls[0]).toEqual({
      index: 0,
      id: 'c1',
      type: 'custom',
      custom: { name: 'apply_patch', input: '' },
    });
    expect(calls.map((c) => (c?.custom as JsonObject | undefined)?.input).join('')).toBe(PATCH);
  });
});
