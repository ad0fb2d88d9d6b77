import { describe, expect, it } from 'vitest';
import { extractUsage, normalizeUsage } from '../../../worker/usage/extract';

describe('extractUsage — OpenAI chat/completions/embeddings', () => {
  it('reads prompt, completion, cached and reasoning tokens', () => {
    const body = {
      id: 'chatcmpl-1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' } }],
      usage: {
        prompt_tokens: 1200,
        completion_tokens: 300,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 256, accepted_prediction_tokens: 0 },
      },
    };
    expect(extractUsage('openai', body)).toMatchObject({
      inputTokens: 1200,
      outputTokens: 300,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
      reasoningTokens: 256,
      totalTokens: 1500,
      details: { inputAudioTokens: 0, acceptedPredictionTokens: 0 },
    });
  });

  it('reads cache write tokens a vendor sends in prompt_tokens_details or at the top level', () => {
    const nested = {
      usage: { prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cache_write_tokens: 60 } },
    };
    const topLevel = { usage: { prompt_tokens: 100, completion_tokens: 5, cache_creation_tokens: 40 } };
    expect(extractUsage('openai', nested)?.cacheWriteTokens).toBe(60);
    expect(extractUsage('openai', topLevel)?.cacheWriteTokens).toBe(40);
  });

  it('maps DeepSeek prompt_cache_hit_tokens to cache reads', () => {
    const body = {
      usage: {
        prompt_tokens: 50,
        completion_tokens: 2,
        prompt_cache_hit_tokens: 32,
        prompt_cache_miss_tokens: 18,
      },
    };
    expect(extractUsage('openai', body)).toMatchObject({ inputTokens: 50, cacheReadTokens: 32 });
  });

  it('maps Anthropic-style cache fields a Claude-backed OpenAI-compatible vendor adds', () => {
    const body = {
      usage: {
        prompt_tokens: 500,
        completion_tokens: 9,
        cache_read_input_tokens: 300,
        cache_creation_input_tokens: 150,
      },
    };
    expect(extractUsage('openai', body)).toMatchObject({
      inputTokens: 500,
      cacheReadTokens: 300,
      cacheWriteTokens: 150,
    });
  });

  it('treats an embeddings usage (no completion tokens) as zero output', () => {
    const body = { object: 'list', data: [], usage: { prompt_tokens: 8, total_tokens: 8 } };
    expect(extractUsage('openai', body)).toMatchObject({ inputTokens: 8, outputTokens: 0, totalTokens: 8 });
  });

  it('never lets cache counts exceed the input total', () => {
    const body = {
      usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 30 } },
    };
    expect(extractUsage('openai', body)?.inputTokens).toBe(30);
  });

  it('reads the images-endpoint shape (input_tokens with details) behind the openai protocol', () => {
    const body = {
      data: [],
      usage: {
        input_tokens: 50,
        output_tokens: 4160,
        input_tokens_details: { text_tokens: 40, image_tokens: 10 },
      },
    };
    expect(extractUsage('openai', body)).toMatchObject({
      inputTokens: 50,
      outputTokens: 4160,
      details: { inputTextTokens: 40, inputImageTokens: 10 },
    });
  });
});

describe('extractUsage — OpenAI Responses', () => {
  it('reads input, cached, output and reasoning tokens', () => {
    const body = {
      object: 'response',
      output: [],
      usage: {
        input_tokens: 2000,
        input_tokens_details: { cached_tokens: 1500, cache_write_tokens: 300 },
        output_tokens: 700,
        output_tokens_details: { reasoning_tokens: 500 },
        total_tokens: 2700,
      },
    };
    expect(extractUsage('openai_responses', body)).toMatchObject({
      inputTokens: 2000,
      outputTokens: 700,
      cacheReadTokens: 1500,
      cacheWriteTokens: 300,
      reasoningTokens: 500,
      totalTokens: 2700,
    });
  });
});

describe('extractUsage — Anthropic', () => {
  it('counts cache creation and cache reads into the input total', () => {
    const body = {
      type: 'message',
      content: [{ type: 'text', text: 'hi' }],
      usage: {
        input_tokens: 20,
        cache_creation_input_tokens: 1000,
        cache_read_input_tokens: 3000,
        cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 0 },
        output_tokens: 90,
        output_tokens_details: { thinking_tokens: 60 },
        service_tier: 'standard',
      },
    };
    expect(extractUsage('anthropic', body)).toMatchObject({
      inputTokens: 4020,
      outputTokens: 90,
      cacheReadTokens: 3000,
      cacheWriteTokens: 1000,
      reasoningTokens: 60,
      totalTokens: 4110,
      details: { cacheWrite5mTokens: 1000, cacheWrite1hTokens: 0 },
    });
  });

  it('accepts null cache fields', () => {
    const body = {
      usage: {
        input_tokens: 12,
        output_tokens: 3,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: null,
      },
    };
    expect(extractUsage('anthropic', body)).toMatchObject({
      inputTokens: 12,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
  });

  it('reads usage nested in a message_start event', () => {
    const event = { type: 'message_start', message: { usage: { input_tokens: 7, output_tokens: 1 } } };
    expect(extractUsage('anthropic', event)?.inputTokens).toBe(7);
  });
});

describe('extractUsage — absent or junk usage', () => {
  it.each([
    ['no body', null],
    ['a string body', 'oops'],
    ['no usage', { choices: [] }],
    ['usage null', { usage: null }],
    ['usage with unknown fields', { usage: { foo: 1 } }],
    ['usage with only junk counts', { usage: { prompt_tokens: 'many', completion_tokens: -3 } }],
  ])('returns null for %s', (_label, body) => {
    expect(extractUsage('openai', body)).toBeNull();
    expect(extractUsage('anthropic', body)).toBeNull();
    expect(extractUsage('openai_responses', body)).toBeNull();
  });

  it('keeps the raw usage object for the log detail', () => {
    const raw = { input_tokens: 1, output_tokens: 2, server_tool_use: { web_search_requests: 1 } };
    expect(normalizeUsage('anthropic', raw)?.raw).toEqual(raw);
  });
});
