// Tests Chat ⇄ Anthropic request conversion behaviour by behaviour.
import { describe, expect, it } from 'vitest';
import { chatRequestToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-request';
import { messagesRequestToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-request';
import type { JsonObject } from '../../../../worker/protocols/types';

const user = (content: unknown): JsonObject => ({ role: 'user', content });
const chat = (extra: JsonObject): JsonObject => ({ model: 'm', messages: [user('hi')], ...extra });
const anthropic = (extra: JsonObject): JsonObject => ({
  model: 'm',
  max_tokens: 100,
  messages: [user('hi')],
  ...extra,
});
const weatherTool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } };
const anthropicWeather = { name: 'get_weather', input_schema: { type: 'object' } };

describe('Chat → Anthropic request', () => {
  it('defaults max_tokens to 4096 and prefers max_completion_tokens over max_tokens', () => {
    expect(chatRequestToMessages(chat({})).max_tokens).toBe(4096);
    expect(chatRequestToMessages(chat({ max_tokens: 10, max_completion_tokens: 20 })).max_tokens).toBe(20);
  });

  it('sends a single plain system message as a string and several as blocks', () => {
    const one = chatRequestToMessages({ messages: [{ role: 'system', content: 'Be kind.' }, user('hi')] });
    expect(one.system).toBe('Be kind.');
    const two = chatRequestToMessages({
      messages: [{ role: 'system', content: 'A' }, user('hi'), { role: 'developer', content: 'B' }],
    });
    expect(two.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
    expect(two.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('drops the speaker name, which Anthropic cannot carry', () => {
    const out = chatRequestToMessages({ messages: [{ role: 'user', name: 'alice', content: 'hi' }] });
    expect(out.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('clamps temperature to 1 and lets top_p yield to temperature', () => {
    expect(chatRequestToMessages(chat({ temperature: 1.8, top_p: 0.9 }))).toMatchObject({ temperature: 1 });
    expect(chatRequestToMessages(chat({ temperature: 1.8, top_p: 0.9 })).top_p).toBeUndefined();
    expect(chatRequestToMessages(chat({ top_p: 0.9, top_k: 5 }))).toMatchObject({ top_p: 0.9, top_k: 5 });
  });

  it.each([
    ['"###"', '###', ['###']],
    ['an array', ['a', 'b'], ['a', 'b']],
  ])('maps stop given as %s to stop_sequences', (_label, stop, expected) => {
    expect(chatRequestToMessages(chat({ stop })).stop_sequences).toEqual(expected);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'any' }],
    [
      { type: 'function', function: { name: 'get_weather' } },
      { type: 'tool', name: 'get_weather' },
    ],
  ])('maps tool_choice %j to %j', (choice, expected) => {
    expect(chatRequestToMessages(chat({ tools: [weatherTool], tool_choice: choice })).tool_choice).toEqual(
      expected,
    );
  });

  it('maps parallel_tool_calls:false to disable_parallel_tool_use even without a tool_choice', () => {
    const out = chatRequestToMessages(chat({ tools: [weatherTool], parallel_tool_calls: false }));
    expect(out.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
  });

  it('keeps invalid JSON tool arguments verbatim instead of failing', () => {
    const out = chatRequestToMessages({
      messages: [
        user('go'),
        {
          role: 'assistant',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ],
    });
    const assistant = (out.messages as JsonObject[])[1] as JsonObject;
    expect(assistant.content).toEqual([
      { type: 'tool_use', id: 'c1', name: 'f', input: { __raw_arguments: '{"a":' } },
    ]);
  });

  it.each([
    ['none', { type: 'disabled' }, undefined],
    ['minimal', { type: 'adaptive' }, 'low'],
    ['low', { type: 'adaptive' }, 'low'],
    ['medium', { type: 'adaptive' }, 'medium'],
    ['high', { type: 'adaptive' }, 'high'],
    ['xhigh', { type: 'adaptive' }, 'max'],
  ])('maps reasoning_effort %s to thinking %j and effort %s', (effort, thinking, mapped) => {
    const out = chatRequestToMessages(chat({ reasoning_effort: effort }));
    expect(out.thinking).toEqual(thinking);
    expect((out.output_config as JsonObject | undefined)?.effort).toBe(mapped);
  });

  it('reads the Responses-style reasoning.effort too, and keeps an Anthropic-style thinking the client sent', () => {
    expect(chatRequestToMessages(chat({ reasoning: { effort: 'high' } })).thinking).toEqual({
      type: 'adaptive',
    });
    const explicit = { type: 'enabled', budget_tokens: 2048 };
    expect(chatRequestToMessages(chat({ thinking: explicit, reasoning_effort: 'low' })).thinking).toEqual(
      explicit,
    );
  });

  it('turns thinking off when the last assistant tool call has no thinking block to replay', () => {
    const messages = [
      user('Weather?'),
      {
        role: 'assistant',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
    ];
    expect(chatRequestToMessages({ messages, reasoning_effort: 'high' }).thinking).toEqual({
      type: 'disabled',
    });
    const signed = [{ type: 'thinking', thinking: 'Call f.', signature: 'sig' }];
    const replayed = messages.map((m) => (m.role === 'assistant' ? { ...m, thinking_blocks: signed } : m));
    expect(chatRequestToMessages({ messages: replayed, reasoning_effort: 'high' }).thinking).toEqual({
      type: 'adaptive',
    });
  });

  it('removes thinking from a final assistant prefill when thinking is off', () => {
    const prefill = {
      role: 'assistant',
      content: 'The answer is',
      thinking_blocks: [{ type: 'thinking', thinking: 'T', signature: 'sig' }],
    };
    const out = chatRequestToMessages({ messages: [user('Q'), prefill] });
    expect((out.messages as JsonObject[]).at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'The answer is' }],
    });
  });

  it('maps user, or safety_identifier, to metadata.user_id', () => {
    expect(chatRequestToMessages(chat({ user: 'u1' })).metadata).toEqual({ user_id: 'u1' });
    expect(chatRequestToMessages(chat({ safety_identifier: 's1' })).metadata).toEqual({ user_id: 's1' });
  });

  it('drops json_object response_format, which Anthropic cannot express without a schema', () => {
    expect(
      chatRequestToMessages(chat({ response_format: { type: 'json_object' } })).output_config,
    ).toBeUndefined();
  });

  it('keeps no field Anthropic would reject', () => {
    const out = chatRequestToMessages(
      chat({
        n: 2,
        seed: 1,
        logit_bias: {},
        stream_options: { include_usage: true },
        store: true,
        verbosity: 'low',
      }),
    );
    expect(Object.keys(out).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('puts a message-level cache_control on the message’s last block', () => {
    const out = chatRequestToMessages({
      messages: [{ role: 'user', content: 'long context', cache_control: { type: 'ephemeral' } }],
    });
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [{ type: 'text', text: 'long context', cache_control: { type: 'ephemeral' } }],
      },
    ]);
  });

  it('converts the legacy functions API into tools and paired tool results', () => {
    const out = chatRequestToMessages({
      functions: [{ name: 'lookup', parameters: { type: 'object' } }],
      function_call: { name: 'lookup' },
      messages: [
        user('find it'),
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":1}' } },
        { role: 'function', name: 'lookup', content: 'found' },
      ],
    });
    expect(out.tools).toEqual([{ name: 'lookup', input_schema: { type: 'object' } }]);
    expect(out.tool_choice).toEqual({ type: 'tool', name: 'lookup' });
    const [, call, result] = out.messages as [JsonObject, JsonObject, JsonObject];
    const id = ((call.content as JsonObject[])[0] as JsonObject).id;
    expect(result.content).toEqual([{ type: 'tool_result', tool_use_id: id, content: 'found' }]);
  });
});

describe('Anthropic → Chat request', () => {
  it.each([
    [{ type: 'auto' }, { tool_choice: 'auto' }],
    [{ type: 'none' }, { tool_choice: 'none' }],
    [{ type: 'any' }, { tool_choice: 'required' }],
    [
      { type: 'tool', name: 'get_weather' },
      { tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    ],
    [
      { type: 'auto', disable_parallel_tool_use: true },
      { tool_choice: 'auto', parallel_tool_calls: false },
    ],
  ])('maps tool_choice %j to %j', (choice, expected) => {
    const out = messagesRequestToChat(anthropic({ tools: [anthropicWeather], tool_choice: choice }));
    expect({
      tool_choice: out.tool_choice,
      ...(out.parallel_tool_calls === undefined ? {} : { parallel_tool_calls: false }),
    }).toEqual(expected);
  });

  it.each([
    [{ type: 'disabled' }, undefined, 'none'],
    [{ type: 'enabled', budget_tokens: 2048 }, undefined, 'medium'],
    [{ type: 'adaptive' }, 'low', 'low'],
    [{ type: 'adaptive' }, 'high', 'high'],
    [{ type: 'adaptive' }, 'xhigh', 'xhigh'],
    [{ type: 'adaptive' }, 'max', 'xhigh'],
    [undefined, undefined, undefined],
  ])('maps thinking %j with effort %s to reasoning_effort %s', (thinking, effort, expected) => {
    const body = anthropic({ thinking, output_config: effort ? { effort } : undefined });
    expect(messagesRequestToChat(body).reasoning_effort).toBe(expected);
  });

  it('asks the Chat upstream for usage when streaming', () => {
    expect(messagesRequestToChat(anthropic({ stream: true })).stream_options).toEqual({
      include_usage: true,
    });
  });

  it('sends no cache_control and no Anthropic-only field to an OpenAI target', () => {
    const out = messagesRequestToChat(
      anthropic({
        system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }],
        messages: [user([{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }])],
        tools: [{ ...anthropicWeather, cache_control: { type: 'ephemeral' } }],
        top_k: 3,
        cache_control: { type: 'ephemeral' },
        container: 'c1',
        inference_geo: 'us',
      }),
    );
    expect(JSON.stringify(out)).not.toContain('cache_control');
    expect(Object.keys(out).sort()).toEqual(['max_completion_tokens', 'messages', 'model', 'tools']);
  });

  it('converts a base64 image to a data: URL and back', () => {
    const source = { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' };
    const chatBody = messagesRequestToChat(anthropic({ messages: [user([{ type: 'image', source }])] }));
    const part = { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } };
    expect(chatBody.messages).toEqual([{ role: 'user', content: [part] }]);
    expect(chatRequestToMessages(chatBody).messages).toEqual([
      { role: 'user', content: [{ type: 'image', source }] },
    ]);
  });

  it('round-trips a tool conversation Anthropic → Chat → Anthropic', () => {
    const original: JsonObject = {
      model: 'm',
      max_tokens: 300,
      system: 'Use tools.',
      messages: [
        user('Weather?'),
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Call it.', signature: 'sig' },
            { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        user([{ type: 'tool_result', tool_use_id: 't1', content: '3°C' }]),
      ],
      tools: [anthropicWeather],
      tool_choice: { type: 'auto' },
      stop_sequences: ['END'],
      metadata: { user_id: 'u1' },
    };
    expect(chatRequestToMessages(messagesRequestToChat(original))).toEqual(original);
  });
});
