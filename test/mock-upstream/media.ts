// OpenAI embeddings and images (generations, edits, variations; JSON or multipart bodies).
import { nowSeconds, snippet, tokens } from './content.ts';
import { UpstreamError } from './errors.ts';
import { requireModel } from './openai-chat.ts';
import type { MockRequest, Reply, Route } from './types.ts';
import { asArray, asNumber, asString } from './values.ts';

/** A valid 1×1 PNG, returned for every generated image. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PNG_BASE64 = PNG_BYTES.toString('base64');
const DEFAULT_DIMENSIONS = 16;

/** Unit vector seeded by the text, so equal inputs embed equally. */
export function vectorFor(text: string, dimensions: number): Float32Array {
  let state = 2166136261;
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 16777619);
  const out = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
    out[i] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dimensions; i++) out[i] = out[i]! * scale;
  return out;
}

function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  const items = asArray(input);
  if (items.length === 0) throw new UpstreamError(400, "'input' is a required property");
  // A flat array of numbers is one token-id input; otherwise each element is an input.
  if (typeof items[0] === 'number') return [JSON.stringify(items)];
  return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

export const embeddingsRoute: Route = {
  path: 'embeddings',
  method: 'POST',
  protocol: 'openai',
  prepare(req) {
    const body = req.json ?? {};
    const model = requireModel(req.json);
    const inputs = embeddingInputs(body.input);
    const dimensions = Math.min(4096, Math.max(1, asNumber(body.dimensions) ?? DEFAULT_DIMENSIONS));
    const base64 = body.encoding_format === 'base64';
    return {
      model,
      prompt: inputs[0] ?? '',
      run(): Reply {
        const data = inputs.map((text, index) => {
          const vector = vectorFor(text, dimensions);
          const embedding = base64
            ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
            : Array.from(vector);
          return { object: 'embedding', index, embedding };
        });
        const promptTokens = Math.max(1, tokens(inputs.reduce((sum, text) => sum + text.length, 0)));
        const usage = { prompt_tokens: promptTokens, total_tokens: promptTokens };
        return { kind: 'json', status: 200, body: JSON.stringify({ object: 'list', data, model, usage }) };
      },
    };
  },
};

/** A text field from either a JSON or a multipart body. */
export function field(req: MockRequest, name: string): string | undefined {
  if (req.form) {
    const value = req.form.get(name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = req.json?.[name];
  return typeof value === 'number' ? String(value) : asString(value);
}

function hasImage(req: MockRequest): boolean {
  if (req.form) return req.form.has('image') || req.form.has('image[]');
  return asArray(req.json?.images).length > 0 || req.json?.image !== undefined;
}

type ImageKind = 'generations' | 'edits' | 'variations';

function imagesRoute(kind: ImageKind): Route {
  return {
    path: `images/${kind}`,
    method: 'POST',
    protocol: 'openai',
    prepare(req) {
      const model = field(req, 'model') ?? 'dall-e-2';
      const prompt = field(req, 'prompt');
      if (kind !== 'variations' && !prompt) throw new UpstreamError(400, "'prompt' is a required property");
      if (kind !== 'generations' && !hasImage(req))
        throw new UpstreamError(400, "'image' is a required property");
      const n = Math.min(10, Math.max(1, Number(field(req, 'n') ?? 1) || 1));
      const asUrl = field(req, 'response_format') === 'url';
      return {
        model,
        prompt: prompt ?? '',
        run(ctx): Reply {
          const revised = prompt === undefined ? undefined : `Echo: ${snippet(prompt)}`;
          const item = asUrl
            ? { url: `${ctx.origin}/__mock/image.png?seq=${ctx.seq}`, revised_prompt: revised }
            : { b64_json: PNG_BASE64, revised_prompt: revised };
          const inputTokens = Math.max(1, tokens(prompt?.length ?? 0));
          const usage = {
            total_tokens: inputTokens + 16 * n,
            input_tokens: inputTokens,
            output_tokens: 16 * n,
            input_tokens_details: { text_tokens: inputTokens, image_tokens: 0 },
          };
          const data = Array.from({ length: n }, () => item);
          return { kind: 'json', status: 200, body: JSON.stringify({ created: nowSeconds(), data, usage }) };
        },
      };
    },
  };
}

export const imageRoutes: Route[] = [
  imagesRoute('generations'),
  imagesRoute('edits'),
  imagesRoute('variations'),
];
