import { describe, expect, it } from 'vitest';
import { messagesRequestToChat } from '../../../worker/protocols/anthropic/messages-to-chat-request';
import { stripCacheBreakpoints } from '../../../worker/protocols/openai/vendor-compat';

const request = {
  model: 'claude',
  max_tokens: 100,
  system: [
    { type: 'text', text: 'Long shared instructions.', cache_control: { type: 'ephemeral' } },
    { type: 'text', text: 'Today is Friday.' },
  ],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'A long document.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Question?' },
      ],
    },
  ],
};

describe('Anthropic cache_control on the way to OpenAI Chat', () => {
  it('becomes an explicit prompt_cache_breakpoint on the marked parts, system included', () => {
    const chat = messagesRequestToChat(request);
    const [system, user] = chat.messages as { role: string; content: unknown }[];
    expect(system).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'Long shared instructions.', prompt_cache_breakpoint: { mode: 'explicit' } },
        { type: 'text', text: 'Today is Friday.' },
      ],
    });
    expect(user?.content).toEqual([
      { type: 'text', text: 'A long document.', prompt_cache_breakpoint: { mode: 'explicit' } },
      { type: 'text', text: 'Question?' },
    ]);
  });

  it('keeps unmarked text as a plain string', () => {
    const chat = messagesRequestToChat({
      ...request,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('is stripped for OpenAI-compatible vendors that do not know it', () => {
    const stripped = stripCacheBreakpoints(messagesRequestToChat(request));
    expect(JSON.stringify(stripped)).not.toContain('prompt_cache_breakpoint');
    expect((stripped.messages as { content: unknown }[])[1]?.content).toEqual([
      { type: 'text', text: 'A long document.' },
      { type: 'text', text: 'Question?' },
    ]);
  });
});
