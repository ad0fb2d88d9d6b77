import { describe, expect, it } from 'vitest';
import { countTokens, finalizeUsage } from '../../../worker/usage/tokenize';
import type { Usage } from '../../../worker/usage/types';

describe('countTokens', () => {
  it('counts ordinary text with the o200k encoding', async () => {
    expect(await countTokens('')).toBe(0);
    expect(await countTokens('Hello, world!')).toBe(4);
  });

  it('treats special-token text like <|endoftext|> as plain text instead of throwing', async () => {
    const plain = await countTokens('a <|endoftext|> b');
    expect(plain).toBeGreaterThan(3); // a special token would have been a single token
    expect(await countTokens('<|im_start|>system<|im_sep|>')).toBeGreaterThan(3);
  });

  it('returns promptly with a sane count for 1 MB without whitespace', async () => {
    // Unguarded, BPE merging of one 1 MB piece is quadratic (hours). Guarded (64-char runs, 128 K
    // exact then extrapolated): ~0.15 s in workerd on a laptop. Pseudo-random so the merge cache can't help.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    const chars: string[] = [];
    let seed = 42;
    for (let i = 0; i < 1 << 20; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      chars.push(alphabet[seed % 26]!);
    }
    const s = chars.join('');
    const n = await countTokens(s);
    expect(n).toBeGreaterThan(s.length / 8);
    expect(n).toBeLessThan(s.length);
  });

  it('handles a 1 MB run of one character and of spaces', async () => {
    const a = await countTokens('a'.repeat(1 << 20));
    const spaces = await countTokens(' '.repeat(1 << 20));
    expect(a).toBeGreaterThan(1000);
    expect(a).toBeLessThan(1 << 20);
    expect(spaces).toBeGreaterThan(1000);
  });

  it('does not split surrogate pairs when cutting long runs', async () => {
    const emoji = '😀'.repeat(5000);
    const n = await countTokens(emoji);
    expect(n).toBeGreaterThan(0);
    expect(Number.isFinite(n)).toBe(true);
  });
});

const upstream = (over: Partial<Usage>): Usage => ({
  inputTokens: 100,
  outputTokens: 20,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 120,
  ...over,
});

describe('finalizeUsage', () => {
  it('keeps complete upstream usage as is (source upstream)', async () => {
    const u = upstream({ cacheReadTokens: 64, reasoningTokens: 5 });
    const result = await finalizeUsage({ upstream: u, preflightInputText: 'ignored', outputText: 'ignored' });
    expect(result).toEqual({ usage: u, source: 'upstream' });
  });

  it('estimates everything when the upstream reported nothing (source estimated)', async () => {
    const result = await finalizeUsage({
      upstream: null,
      preflightInputText: 'Hello, world!',
      inputFixedTokens: 7,
      outputText: 'Hello, world!',
    });
    expect(result.source).toBe('estimated');
    expect(result.usage).toMatchObject({
      inputTokens: 11,
      outputTokens: 4,
      totalTokens: 15,
      cacheReadTokens: 0,
    });
  });

  it('estimates only the missing output when the upstream sent input only (source mixed)', async () => {
    const result = await finalizeUsage({
      upstream: upstream({ outputTokens: 0, totalTokens: 100, cacheReadTokens: 50 }),
      preflightInputText: 'whatever',
      outputText: 'Hello, world!',
    });
    expect(result.source).toBe('mixed');
    expect(result.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 4,
      totalTokens: 104,
      cacheReadTokens: 50,
    });
  });

  it('estimates only the missing input when the upstream sent output only', async () => {
    const result = await finalizeUsage({
      upstream: upstream({ inputTokens: 0, outputTokens: 9 }),
      preflightInputText: 'Hello, world!',
      outputText: 'unused',
    });
    expect(result.source).toBe('mixed');
    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 9, totalTokens: 13 });
  });

  it('adds the characters the stream accumulator dropped, at 4 per token', async () => {
    const result = await finalizeUsage({
      upstream: null,
      preflightInputText: '',
      outputText: 'Hello, world!',
      outputDroppedChars: 40,
    });
    expect(result.usage.outputTokens).toBe(4 + 10);
  });

  it('trusts an upstream zero when there is no text to contradict it', async () => {
    const u = upstream({ outputTokens: 0, totalTokens: 100 });
    const result = await finalizeUsage({ upstream: u, preflightInputText: 'x', outputText: '' });
    expect(result).toEqual({ usage: u, source: 'upstream' });
  });

  it('does not mutate the upstream usage', async () => {
    const u = upstream({ outputTokens: 0 });
    const copy = structuredClone(u);
    await finalizeUsage({ upstream: u, preflightInputText: '', outputText: 'more text' });
    expect(u).toEqual(copy);
  });
});
