// Tests Chat ⇄ Anthropic response conversion: finish reasons, usage, thinking and tool calls.
import { describe, expect, it } from 'vitest';
import { chatResponseToMessages } from '../../../../worker/protocols/anthropic/chat-to-messages-response';
import { messagesResponseToChat } from '../../../../worker/protocols/anthropic/messages-to-chat-response';
import { anthropicStopReason, chatFinishReason } from '../../../../worker/protocols/shared/finish-reasons';
import { anthropicUsageToChat, chatUsageToAnthropic } from '../../../../worker/protocols/shared/usage';
import type { JsonObject } from '../../../../worker/protocols/types';
import { fixtureJson, freezeClockInEachTest } from './fixtures';

freezeClockInEachTest();

const anthropicMessage = (content: unknown[], extra: JsonObject = {}): JsonObject => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude',
  content,
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
  ...extra,
});

const chatCompletion = (message: JsonObject, finish: string | null = 'stop'): JsonObject => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
});

describe('stop and finish reasons', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['something_new', 'stop'],
  ])('Anthropic %s → Chat %s', (stop, finish) => {
    expect(chatFinishReason(stop)).toBe(finish);
    expect(
      (messagesResponseToChat(anthropicMessage([], { stop_reason: stop })).choices as JsonObject[])[0],
    ).toMatchObject({
      finish_reason: finish,
    });
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
  ])('Chat %s → Anthropic %s', (finish, stop) => {
    expect(anthropicStopReason(finish)).toBe(stop);
  });

  it('answers tool_use when a vendor says stop after tool calls', () => {
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } };
    expect(
      chatResponseToMessages(chatCompletion({ content: null, tool_calls: [call] }, 'stop')).stop_reason,
    ).toBe('tool_use');
  });
});

describe('usage', () => {
  it('counts cache reads and writes into prompt_tokens and keeps both visible', () => {
    const usage = {
      input_tokens: 10,
      cache_creation_input_tokens: 20,
      cache_read_input_tokens: 30,
      output_tokens: 5,
    };
    expect(anthropicUsageToChat(usage)).toEqual({
      prompt_tokens: 60,
      completion_tokens: 5,
      total_tokens: 65,
      prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 20 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('subtracts cached tokens from input_tokens and carries reasoning tokens as thinking tokens', () => {
    const usage = {
      prompt_tokens: 60,
      completion_tokens: 5,
      prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 20 },
      completion_tokens_details: { reasoning_tokens: 3 },
    };
    expect(chatUsageToAnthropic(usage)).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      cache_creation_input_tokens: 20,
      cache_read_input_tokens: 30,
      output_tokens_details: { thinking_tokens: 3 },
    });
  });

  it('reads DeepSeek’s prompt_cache_hit_tokens when prompt_tokens_details is missing', () => {
    expect(
      chatUsageToAnthropic({ prompt_tokens: 100, completion_tokens: 1, prompt_cache_hit_tokens: 64 }),
    ).toMatchObject({
      input_tokens: 36,
      cache_read_input_tokens: 64,
    });
  });

  it('survives Anthropic → Chat → Anthropic unchanged', () => {
    const usage = {
      input_tokens: 472,
      output_tokens: 188,
      cache_creation_input_tokens: 1024,
      cache_read_input_tokens: 2048,
      output_tokens_details: { thinking_tokens: 64 },
    };
    expect(chatUsageToAnthropic(anthropicUsageToChat(usage))).toEqual(usage);
  });

  it('never reports negative input tokens from inconsistent upstream numbers', () => {
    expect(
      chatUsageToAnthropic({ prompt_tokens: 5, prompt_tokens_details: { cached_tokens: 9 } }).input_tokens,
    ).toBe(0);
  });
});

describe('response bodies', () => {
  it('sets content to null when the answer is only tool calls', () => {
    const out = messagesResponseToChat(
      anthropicMessage([{ type: 'tool_use', id: 't', name: 'f', input: {} }]),
    );
    const message = ((out.choices as JsonObject[])[0] as JsonObject).message as JsonObject;
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      { id: 't', type: 'function', function: { name: 'f', arguments: '{}' } },
    ]);
  });

  it('drops server-tool blocks that Chat cannot express', () => {
    const out = messagesResponseToChat(
      anthropicMessage([
        { type: 'server_tool_use', id: 's', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 's', content: [] },
        { type: 'text', text: 'Found it.' },
      ]),
    );
    expect(((out.choices as JsonObject[])[0] as JsonObject).message).toEqual({
      role: 'assistant',
      content: 'Found it.',
      refusal: null,
    });
  });

  it('keeps thinking signatures through Anthropic → Chat → Anthropic', () => {
    const original = fixtureJson('response-messages-to-chat/thinking-tool-use.in.json');
    const back = chatResponseToMessages(messagesResponseToChat(original));
    const strip = (blocks: unknown): unknown =>
      (blocks as JsonObject[]).map(({ caller: _c, citations: _t, ...block }) => block);
    expect(back.content).toEqual(strip(original.content));
    expect(back.stop_reason).toBe('tool_use');
  });

  it('turns unsigned reasoning_content into a thinking block with an empty signature', () => {
    const out = chatResponseToMessages(chatCompletion({ content: 'A', reasoning_content: 'R' }));
    expect(out.content).toEqual([
      { type: 'thinking', thinking: 'R', signature: '' },
      { type: 'text', text: 'A' },
    ]);
  });

  it('reads `reasoning` as vLLM and OpenRouter name it', () => {
    const out = chatResponseToMessages(chatCompletion({ content: 'A', reasoning: 'R' }));
    expect(out.content).toEqual([
      { type: 'thinking', thinking: 'R', signature: '' },
      { type: 'text', text: 'A' },
    ]);
  });
});
