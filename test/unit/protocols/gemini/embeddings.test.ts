// Tests embeddings both ways between OpenAI and Gemini, base64 vectors included.
import { describe, expect, it } from 'vitest';
import {
  geminiEmbeddingsToOpenai,
  geminiEmbedToOpenai,
  openaiEmbeddingsToGemini,
  openaiEmbeddingsToGeminiResponse,
} from '../../../../worker/protocols/gemini/embeddings';

describe('embeddings between OpenAI and Gemini', () => {
  it('sends each OpenAI input as one batch request naming the target model', () => {
    expect(
      openaiEmbeddingsToGemini({ model: 'x', input: ['a', 'b'], dimensions: 8 }, 'text-embedding-004'),
    ).toEqual({
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] }, outputDimensionality: 8 },
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'b' }] }, outputDimensionality: 8 },
      ],
    });
    expect(() => openaiEmbeddingsToGemini({ input: [1, 2, 3] }, 'm')).toThrow(/token ids/);
  });

  it('answers in the encoding the OpenAI client asked for (base64 is little-endian float32)', () => {
    const body = { embeddings: [{ values: [0.5, -1] }] };
    const floats = geminiEmbeddingsToOpenai(body, { encoding_format: 'float' }, 'my-model');
    expect(floats).toMatchObject({
      object: 'list',
      model: 'my-model',
      data: [{ object: 'embedding', index: 0, embedding: [0.5, -1] }],
    });
    const b64 = geminiEmbeddingsToOpenai(body, { encoding_format: 'base64' }, 'my-model');
    const bytes = Uint8Array.from(atob((b64.data as { embedding: string }[])[0]!.embedding), (c) =>
      c.charCodeAt(0),
    );
    expect(Array.from(new Float32Array(bytes.buffer))).toEqual([0.5, -1]);
  });

  it('turns a Gemini embedContent or batch into an OpenAI request and back', () => {
    expect(
      geminiEmbedToOpenai({ content: { parts: [{ text: 'hi' }] }, outputDimensionality: 4 }, 't', false),
    ).toEqual({
      model: 't',
      input: ['hi'],
      encoding_format: 'float',
      dimensions: 4,
    });
    const openai = { data: [{ embedding: [1, 2] }, { embedding: [3, 4] }] };
    expect(openaiEmbeddingsToGeminiResponse(openai, true)).toEqual({
      embeddings: [{ values: [1, 2] }, { values: [3, 4] }],
    });
    expect(openaiEmbeddingsToGeminiResponse(openai, false)).toEqual({ embedding: { values: [1, 2] } });
  });
});
