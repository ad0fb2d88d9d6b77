// Tests fitting Chat requests to each vendor's reasoning dialect.
import { describe, expect, it } from 'vitest';
import { applyReasoningStyle } from '../../../../worker/protocols/openai/reasoning-style';
import type { JsonObject } from '../../../../worker/protocols/types';

const history: JsonObject[] = [
  { role: 'user', content: 'Hi' },
  {
    role: 'assistant',
    content: 'Hello',
    reasoning_content: 'Greet back.',
    thinking_blocks: [{ type: 'thinking', thinking: 'Greet back.', signature: 'sig' }],
  },
];
const body = (extra: JsonObject): JsonObject => ({ model: 'm', messages: history, ...extra });

describe('applyReasoningStyle', () => {
  it.each([
    ['high', { type: 'enabled' }],
    ['low', { type: 'enabled' }],
    ['none', { type: 'disabled' }],
  ])('thinking_type: reasoning_effort %s becomes thinking %j', (effort, thinking) => {
    const out = applyReasoningStyle(body({ reasoning_effort: effort }), 'thinking_type');
    expect(out.thinking).toEqual(thinking);
    expect(out.reasoning_effort).toBeUndefined();
  });

  it('thinking_type: Anthropic-style adaptive thinking becomes enabled', () => {
    expect(applyReasoningStyle(body({ thinking: { type: 'adaptive' } }), 'thinking_type').thinking).toEqual({
      type: 'enabled',
    });
  });

  it.each([
    ['medium', true],
    ['none', false],
  ])('enable_thinking: reasoning_effort %s becomes enable_thinking %s', (effort, enabled) => {
    const out = applyReasoningStyle(body({ reasoning_effort: effort }), 'enable_thinking');
    expect(out.enable_thinking).toBe(enabled);
    expect(out.reasoning_effort).toBeUndefined();
  });

  it('openai: other vocabularies become reasoning_effort', () => {
    expect(applyReasoningStyle(body({ thinking: { type: 'disabled' } }), 'openai')).toMatchObject({
      reasoning_effort: 'none',
    });
    expect(applyReasoningStyle(body({ enable_thinking: true }), 'openai')).toMatchObject({
      reasoning_effort: 'medium',
    });
    expect(applyReasoningStyle(body({ reasoning: { effort: 'low' } }), 'openai').reasoning).toBeUndefined();
  });

  it('openai: strips reasoning fields from history, which the official API rejects', () => {
    const out = applyReasoningStyle(body({}), 'openai');
    expect(out.messages).toEqual([history[0], { role: 'assistant', content: 'Hello' }]);
  });

  it('thinking vendors keep reasoning_content in history but not thinking_blocks, and get max_tokens', () => {
    const out = applyReasoningStyle(body({ max_completion_tokens: 100 }), 'thinking_type');
    expect(out.messages).toEqual([
      history[0],
      { role: 'assistant', content: 'Hello', reasoning_content: 'Greet back.' },
    ]);
    expect(out).toMatchObject({ max_tokens: 100 });
    expect(out.max_completion_tokens).toBeUndefined();
  });

  it('adds no reasoning switch when the request did not ask for one, and leaves the input untouched', () => {
    const input = body({ max_completion_tokens: 5 });
    const snapshot = structuredClone(input);
    const out = applyReasoningStyle(input, 'enable_thinking');
    expect(out.enable_thinking).toBeUndefined();
    expect(input).toEqual(snapshot);
  });
});
