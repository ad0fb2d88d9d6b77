// Tests Chat ⇄ Bedrock Converse: the request body, the response and the stream (through the Anthropic block model).
import { describe, expect, it } from 'vitest';
import { chatRequestToConverse } from '../../../../worker/protocols/bedrock/chat-to-converse-request';
import { converseResponseToChat } from '../../../../worker/protocols/bedrock/converse-to-chat-response';
import { createConverseToChatStream } from '../../../../worker/protocols/bedrock/converse-to-chat-stream';
import type { JsonObject } from '../../../../worker/protocols/types';

describe('Chat → Converse request', () => {
  it('maps system, images, tool calls and results, inference settings and thinking', () => {
    const out = chatRequestToConverse({
      model: 'ignored',
      max_tokens: 300,
      temperature: 0.3,
      stop: ['END'],
      reasoning_effort: 'low',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 't1', content: 'done' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'f',
            description: 'F',
            parameters: { type: 'object', properties: { a: { type: 'number' } } },
          },
        },
      ],
      tool_choice: 'required',
    });
    expect(out).toEqual({
      messages: [
        {
          role: 'user',
          content: [{ text: 'Look' }, { image: { format: 'png', source: { bytes: 'AAAA' } } }],
        },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'f', input: { a: 1 } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'done' }] } }] },
      ],
      system: [{ text: 'Be brief.' }],
      // A tool-calling history without its thinking blocks turns thinking off, as Claude requires.
      inferenceConfig: { maxTokens: 300, temperature: 0.3, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'f',
              inputSchema: { json: { type: 'object', properties: { a: { type: 'number' } } } },
              description: 'F',
            },
          },
        ],
        toolChoice: { any: {} },
      },
    });
  });

  it('asks Claude on Bedrock for thinking with a budget when the client asked for reasoning', () => {
    const out = chatRequestToConverse({
      reasoning_effort: 'low',
      messages: [{ role: 'user', content: 'Think' }],
    });
    expect(out.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 4096 } });
  });

  it('refuses an image Converse cannot take (a URL) instead of dropping it', () => {
    expect(() =>
      chatRequestToConverse({
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }],
      }),
    ).toThrow(/cannot be sent|inline/);
  });
});

describe('Converse → Chat', () => {
  it('converts a response with reasoning, a tool call and cache usage', () => {
    const chat = converseResponseToChat(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'hmm', signature: 'sig' } } },
              { toolUse: { toolUseId: 't9', name: 'f', input: { a: 2 } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadInputTokens: 4 },
      },
      'model-x',
    );
    const choice = (chat.choices as JsonObject[])[0] as JsonObject;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message).toMatchObject({
      reasoning_content: 'hmm',
      thinking_blocks: [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }],
      tool_calls: [{ id: 't9', type: 'function', function: { name: 'f', arguments: '{"a":2}' } }],
    });
    expect(chat.usage).toMatchObject({
      prompt_tokens: 14,
      completion_tokens: 5,
      prompt_tokens_details: { cached_tokens: 4 },
    });
  });

  it('streams text and a tool call as Chat chunks with usage', () => {
    const converter = createConverseToChatStream({ includeUsage: true, model: 'm' });
    const events = [
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }],
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't1', name: 'f' } } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":' } } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '3}' } } }],
      ['contentBlockStop', { contentBlockIndex: 1 }],
      ['messageStop', { stopReason: 'tool_use' }],
      ['metadata', { usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 } }],
    ] as const;
    const out = [
      ...events.flatMap(([event, data]) => converter.push({ event, data: JSON.stringify(data) })),
      ...converter.end(),
    ];
    const chunks = out.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as JsonObject);
    const deltas: JsonObject[] = chunks.flatMap((c) => {
      const delta = (c.choices as JsonObject[])[0]?.delta as JsonObject | undefined;
      return delta ? [delta] : [];
    });
    expect(
      deltas
        .map((d) => d.content)
        .filter(Boolean)
        .join(''),
    ).toBe('Hi');
    const args = deltas
      .flatMap((d) => (d.tool_calls as JsonObject[] | undefined) ?? [])
      .map((t) => (t.function as JsonObject).arguments)
      .join('');
    expect(args).toBe('{"a":3}');
    expect(chunks.find((c) => (c.choices as JsonObject[])[0]?.finish_reason)?.choices).toMatchObject([
      { finish_reason: 'tool_calls' },
    ]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3 });
    expect(out.at(-1)?.data).toBe('[DONE]');
  });
});
