import { describe, expect, it } from 'vitest';
import { collectInputText, estimateInputTokens } from '../../../worker/usage/estimate';

/** A 1×1-style PNG header claiming the given size (only the IHDR is read). */
function pngDataUrl(width: number, height: number): string {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}

/** A JPEG with an APP0 segment before the SOF0 frame header. */
function jpegBase64(width: number, height: number): string {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0)];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    ...new Array(9).fill(0),
  ];
  return btoa(String.fromCharCode(0xff, 0xd8, ...app0, ...sof0));
}

describe('estimateInputTokens — OpenAI chat', () => {
  it('counts ~4 ASCII chars per token plus 4 per message and 3 priming', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'a'.repeat(396) }] };
    // 400 chars ("user" + 396) / 4 = 100, + 4 + 3.
    expect(estimateInputTokens('openai', body)).toBe(107);
  });

  it('counts CJK text about one token per character', () => {
    const body = { messages: [{ role: 'user', content: '你'.repeat(100) }] };
    expect(estimateInputTokens('openai', body)).toBe(1 + 100 + 7);
  });

  it('prices images: low detail 85, known size by 512-px tiles, unknown 170', () => {
    const part = (url: string, detail?: string) => ({ type: 'image_url', image_url: { url, detail } });
    const one = (p: object) => estimateInputTokens('openai', { messages: [{ role: '', content: [p] }] }) - 7;
    expect(one(part('https://x/y.png', 'low'))).toBe(85);
    expect(one(part('https://x/y.png'))).toBe(170);
    expect(one(part(pngDataUrl(1024, 1024)))).toBe(2 * 2 * 170);
    expect(one(part(pngDataUrl(513, 100)))).toBe(2 * 1 * 170);
    expect(one(part(`data:image/jpeg;base64,${jpegBase64(1600, 900)}`))).toBe(4 * 2 * 170);
  });

  it('never counts base64 image data as text', () => {
    const huge = `data:image/png;base64,${'A'.repeat(4_000_000)}`;
    const tokens = estimateInputTokens('openai', {
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: huge } }] }],
    });
    expect(tokens).toBeLessThan(300);
  });

  it('adds tools and tool_choice by JSON length', () => {
    const tools = [
      { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } },
    ];
    const without = estimateInputTokens('openai', { messages: [] });
    const withTools = estimateInputTokens('openai', { messages: [], tools, tool_choice: 'auto' });
    expect(withTools - without).toBe(Math.ceil((JSON.stringify(tools).length + 4) / 4));
  });

  it('counts assistant tool_calls arguments', () => {
    const msg = {
      role: 'assistant',
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: 'x'.repeat(400) } }],
    };
    expect(estimateInputTokens('openai', { messages: [msg] })).toBeGreaterThan(100);
  });
});

describe('estimateInputTokens — other OpenAI bodies', () => {
  it('counts embeddings input strings and token-id arrays', () => {
    expect(estimateInputTokens('openai', { input: 'abcdefgh' })).toBe(2);
    expect(estimateInputTokens('openai', { input: ['abcd', 'efgh'] })).toBe(2);
    expect(estimateInputTokens('openai', { input: [1, 2, 3] })).toBe(3);
    expect(estimateInputTokens('openai', { input: [[1, 2], [3]] })).toBe(3);
  });

  it('counts a completions prompt', () => {
    expect(estimateInputTokens('openai', { prompt: 'a'.repeat(40) })).toBe(10);
  });

  it('returns 0 for bodies without a prompt and for non-objects', () => {
    expect(estimateInputTokens('openai', {})).toBe(0);
    expect(estimateInputTokens('openai', null)).toBe(0);
    expect(estimateInputTokens('anthropic', 'text')).toBe(0);
  });
});

describe('estimateInputTokens — Responses and Anthropic', () => {
  it('counts Responses instructions, input items and input_image', () => {
    const body = {
      instructions: 'a'.repeat(40),
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'b'.repeat(36) },
            { type: 'input_image', image_url: 'https://i', detail: 'low' },
          ],
        },
      ],
    };
    // 40 + ("user" 4 + 36) chars = 80 / 4 = 20, + 4 per message + 85.
    expect(estimateInputTokens('openai_responses', body)).toBe(20 + 4 + 85);
    expect(estimateInputTokens('openai_responses', { input: 'a'.repeat(8) })).toBe(2);
  });

  it('counts Anthropic system blocks, messages, image blocks and tools', () => {
    const body = {
      system: [{ type: 'text', text: 'a'.repeat(36), cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'b'.repeat(40) },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/jpeg', data: jpegBase64(512, 512) },
            },
          ],
        },
      ],
    };
    // 36 + 4 + 40 = 80 chars → 20, + 4 per message + 170 (one tile).
    expect(estimateInputTokens('anthropic', body)).toBe(20 + 4 + 170);
  });

  it('counts an Anthropic base64 PDF by size, not as text', () => {
    const pdf = {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: 'A'.repeat(80_000) },
    };
    // 80 000 base64 chars = 60 000 bytes → 15 tokens at 4 000 bytes each.
    expect(estimateInputTokens('anthropic', { messages: [{ role: '', content: [pdf] }] })).toBe(15 + 4);
  });
});

describe('estimateInputTokens — safety', () => {
  it('handles a deeply nested value without recursion errors', () => {
    let deep: unknown = 'abcd';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(estimateInputTokens('anthropic', { messages: [{ role: '', content: deep }] })).toBe(1 + 4);
  });

  it('runs in linear time over a 10 MB prompt', () => {
    // ~10 MB of mixed text estimates in ~30 ms under workerd on a laptop (not asserted: no timed tests).
    const body = { messages: [{ role: 'user', content: 'hello world, 你好 '.repeat(700_000) }] };
    expect(estimateInputTokens('openai', body)).toBeGreaterThan(2_000_000);
  });
});

describe('collectInputText', () => {
  it('returns the prompt text in order and the non-text tokens', () => {
    const body = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hi' },
            { type: 'image_url', image_url: { url: 'https://i', detail: 'low' } },
          ],
        },
      ],
    };
    expect(collectInputText('openai', body)).toEqual({
      text: 'system\nBe brief.\nuser\nHi',
      fixedTokens: 4 * 2 + 3 + 85,
    });
  });
});
