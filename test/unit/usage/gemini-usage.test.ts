// Tests reading Gemini usage (thought and cached tokens) from bodies and streams, and estimating a Gemini prompt.
import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from '../../../worker/usage/estimate';
import { extractUsage } from '../../../worker/usage/extract';
import { StreamUsageAccumulator } from '../../../worker/usage/stream-usage';

const usageMetadata = {
  promptTokenCount: 120,
  candidatesTokenCount: 30,
  thoughtsTokenCount: 20,
  cachedContentTokenCount: 64,
  totalTokenCount: 170,
};

describe('Gemini usage', () => {
  it('counts thought tokens as output and cached content as cache reads', () => {
    expect(extractUsage('gemini', { candidates: [], usageMetadata })).toMatchObject({
      inputTokens: 120,
      outputTokens: 50,
      reasoningTokens: 20,
      cacheReadTokens: 64,
      cacheWriteTokens: 0,
      totalTokens: 170,
    });
  });

  it('takes the last chunk’s running totals of a stream, and its text for estimates', () => {
    const acc = new StreamUsageAccumulator('gemini');
    const chunk = (text: string, usage: Record<string, number>) => ({
      data: JSON.stringify({ candidates: [{ content: { parts: [{ text }] } }], usageMetadata: usage }),
    });
    acc.push(chunk('Hel', { promptTokenCount: 9, totalTokenCount: 9 }));
    acc.push(chunk('lo', { promptTokenCount: 9, candidatesTokenCount: 2, totalTokenCount: 11 }));
    expect(acc.usage()).toMatchObject({ inputTokens: 9, outputTokens: 2 });
    expect(acc.text()).toBe('Hello');
  });

  it('estimates a Gemini prompt: instruction and contents as text, an inline image as 258 tokens', () => {
    const text = {
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }],
    };
    const withImage = {
      ...text,
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Hello there' },
            { inlineData: { mimeType: 'image/png', data: 'A'.repeat(40000) } },
          ],
        },
      ],
    };
    const base = estimateInputTokens('gemini', text);
    expect(base).toBeGreaterThan(4);
    expect(estimateInputTokens('gemini', withImage)).toBe(base + 258);
  });
});
