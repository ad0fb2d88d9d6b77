// Owns embeddings between OpenAI `/v1/embeddings` and Gemini `embedContent` / `batchEmbedContents`, both ways.
import { fromBase64, toBase64 } from '../../lib/encoding';
import { isObject, num, optionalArray, requireArray, requireObject, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';
import { bareModelName } from './upstream';

function inputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  const list = requireArray(input, 'input');
  if (list.length === 0 || !list.every((s) => typeof s === 'string')) {
    throw new ConversionError(
      'input must be a string or an array of strings for Gemini (token ids cannot be sent)',
    );
  }
  return list as string[];
}

/** OpenAI embeddings request → Gemini `batchEmbedContents` (one request per input). */
export function openaiEmbeddingsToGemini(body: JsonObject, targetModel: string): JsonObject {
  const dimensions = num(body.dimensions);
  const requests = inputs(body.input).map((text) => {
    const request: JsonObject = {
      model: `models/${bareModelName(targetModel)}`,
      content: { parts: [{ text }] },
    };
    if (dimensions !== undefined) request.outputDimensionality = dimensions;
    return request;
  });
  return { requests };
}

/** Float vector → OpenAI's base64 form: little-endian float32 bytes, as the SDKs decode it. */
function base64Vector(values: number[]): string {
  const floats = new Float32Array(values);
  return toBase64(new Uint8Array(floats.buffer));
}

function floatVector(embedding: unknown): number[] {
  if (Array.isArray(embedding)) return embedding.filter((v): v is number => typeof v === 'number');
  if (typeof embedding === 'string') return Array.from(new Float32Array(fromBase64(embedding).buffer));
  throw new ConversionError('embedding must be an array or a base64 string');
}

/** Gemini `batchEmbedContents` response → OpenAI embeddings list, in the encoding the client asked for. */
export function geminiEmbeddingsToOpenai(body: JsonObject, request: JsonObject, model: string): JsonObject {
  const base64 = request.encoding_format === 'base64';
  const data = requireArray(body.embeddings, 'embeddings').map((raw, index) => {
    const values = floatVector(requireObject(raw, `embeddings[${index}]`).values);
    return { object: 'embedding', index, embedding: base64 ? base64Vector(values) : values };
  });
  return { object: 'list', data, model, usage: { prompt_tokens: 0, total_tokens: 0 } };
}

function contentText(content: unknown, path: string): string {
  const c = requireObject(content, path);
  return optionalArray(c.parts, `${path}.parts`)
    .map((p) => (isObject(p) ? (str(p.text) ?? '') : ''))
    .join('\n');
}

/** Gemini `embedContent` or `batchEmbedContents` request → OpenAI embeddings request. */
export function geminiEmbedToOpenai(body: JsonObject, model: string, batch: boolean): JsonObject {
  const items = batch
    ? requireArray(body.requests, 'requests').map((r, i) => requireObject(r, `requests[${i}]`))
    : [body];
  if (items.length === 0) throw new ConversionError('requests must not be empty');
  const out: JsonObject = {
    model,
    input: items.map((item, i) => contentText(item.content, batch ? `requests[${i}].content` : 'content')),
    encoding_format: 'float',
  };
  const dimensions = num(items[0]?.outputDimensionality);
  if (dimensions !== undefined) out.dimensions = dimensions;
  return out;
}

/** OpenAI embeddings response → Gemini's `{embeddings:[{values}]}` (batch) or `{embedding:{values}}`. */
export function openaiEmbeddingsToGeminiResponse(body: JsonObject, batch: boolean): JsonObject {
  const vectors = requireArray(body.data, 'data').map((raw, i) => ({
    values: floatVector(requireObject(raw, `data[${i}]`).embedding),
  }));
  if (batch) return { embeddings: vectors };
  return { embedding: vectors[0] ?? { values: [] } };
}
