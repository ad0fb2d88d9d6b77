// Gemini `v1beta`: generateContent, streamGenerateContent (alt=sse), embedContent, batchEmbedContents, countTokens, models.
import { splitText, tokens } from './content.ts';
import { UpstreamError } from './errors.ts';
import {
  geminiCachedTokens,
  readGeminiConversation,
  requireGeminiKey,
  signatureFor,
  textSignature,
} from './gemini-request.ts';
import { vectorFor } from './media.ts';
import { type Plan, planReply } from './plan.ts';
import type { MockRequest, Reply, Route, RunContext, SseFrame } from './types.ts';
import { asArray, asNumber, asObject, asString, type JsonObject } from './values.ts';
import { isVertexPath, requireVertexToken } from './vertex.ts';

export type GeminiMethod =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'embedContent'
  | 'batchEmbedContents'
  | 'countTokens';

/** `…/models/<model>:<method>` → the model and the method, or undefined for any other path. */
export function geminiCall(
  segments: string[],
): { model: string; method: GeminiMethod; at: number } | undefined {
  const last = segments.at(-1) ?? '';
  const match =
    /^(.+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)$/.exec(last);
  if (!match || segments.at(-2) !== 'models') return undefined;
  return { model: decodeURIComponent(match[1]!), method: match[2] as GeminiMethod, at: segments.length - 2 };
}

/** The Gemini API takes an API key; Vertex (`…/publishers/google/…`) an OAuth access token. */
function requireGeminiAuth(req: MockRequest): void {
  if (isVertexPath(req.path)) requireVertexToken(req);
  else requireGeminiKey(req.headers, req.query);
}

function modelOf(req: MockRequest): string {
  const segments = req.path.split('/').filter(Boolean);
  return geminiCall(segments)?.model ?? '';
}

function usage(plan: Plan, cached: number): JsonObject {
  const thoughts = plan.reasoningTokens;
  const candidates = Math.max(1, plan.outputTokens - thoughts);
  const out: JsonObject = {
    promptTokenCount: plan.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: plan.inputTokens + candidates + thoughts,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: plan.inputTokens }],
  };
  if (thoughts > 0) out.thoughtsTokenCount = thoughts;
  if (cached > 0) out.cachedContentTokenCount = Math.min(cached, plan.inputTokens);
  return out;
}

function callParts(plan: Plan): JsonObject[] {
  return plan.calls.map((call, i) => {
    const args: unknown = JSON.parse(call.arguments);
    const part: JsonObject = { functionCall: { name: call.name, args } };
    // Gemini signs the first call of a turn; parallel calls after it carry none.
    if (i === 0) part.thoughtSignature = signatureFor(call.name, args);
    return part;
  });
}

function envelope(model: string, seq: number): JsonObject {
  return { modelVersion: model, responseId: `mock-${seq}` };
}

function responseJson(model: string, plan: Plan, ctx: RunContext, cached: number): string {
  const parts: JsonObject[] = [];
  if (plan.reasoning) parts.push({ text: plan.reasoning, thought: true });
  if (plan.text) parts.push({ text: plan.text, thoughtSignature: textSignature(ctx.seq) });
  parts.push(...callParts(plan));
  const candidate = { content: { role: 'model', parts }, finishReason: 'STOP', index: 0 };
  return JSON.stringify({
    candidates: [candidate],
    usageMetadata: usage(plan, cached),
    ...envelope(model, ctx.seq),
  });
}

function chunk(model: string, seq: number, parts: JsonObject[], extra: JsonObject = {}): string {
  const candidate = { content: { role: 'model', parts }, index: 0, ...extra };
  return JSON.stringify({ candidates: [candidate], ...envelope(model, seq) });
}

// Google ends every SSE event with CRLF CRLF.
const frame = (json: string, paced = false): SseFrame => ({ text: `data: ${json}\r\n\r\n`, paced });

function streamFrames(model: string, plan: Plan, ctx: RunContext, cached: number): SseFrame[] {
  const frames: SseFrame[] = [];
  if (plan.reasoning) frames.push(frame(chunk(model, ctx.seq, [{ text: plan.reasoning, thought: true }])));
  const pieces = plan.text ? splitText(plan.text, ctx.settings.chunks) : [];
  pieces.forEach((text, i) => {
    if (i < pieces.length - 1) frames.push(frame(chunk(model, ctx.seq, [{ text }]), true));
  });
  const lastParts: JsonObject[] = [];
  const lastText = pieces.at(-1);
  if (lastText !== undefined) lastParts.push({ text: lastText, thoughtSignature: textSignature(ctx.seq) });
  lastParts.push(...callParts(plan));
  if (lastParts.length === 0) lastParts.push({ text: '' });
  const last = JSON.parse(chunk(model, ctx.seq, lastParts, { finishReason: 'STOP' })) as JsonObject;
  last.usageMetadata = usage(plan, cached);
  frames.push(frame(JSON.stringify(last), true));
  return frames;
}

function generateRoute(method: 'generateContent' | 'streamGenerateContent'): Route {
  return {
    path: `gemini:${method}`,
    method: 'POST',
    protocol: 'gemini',
    prepare(req) {
      requireGeminiAuth(req);
      if (method === 'streamGenerateContent' && req.query.get('alt') !== 'sse') {
        throw new UpstreamError(400, 'The mock serves streamGenerateContent only with alt=sse.');
      }
      const model = modelOf(req);
      const body = req.json ?? {};
      const conversation = readGeminiConversation(body, model);
      return {
        model,
        prompt: conversation.prompt,
        run(ctx): Reply {
          const plan = planReply(conversation, ctx.settings);
          const cached = geminiCachedTokens(body, model, (k) => ctx.cache.hit(k));
          if (method === 'streamGenerateContent')
            return { kind: 'sse', frames: streamFrames(model, plan, ctx, cached) };
          return { kind: 'json', status: 200, body: responseJson(model, plan, ctx, cached) };
        },
      };
    },
  };
}

function embedText(content: unknown, where: string): string {
  const parts = asArray(asObject(content)?.parts);
  if (parts.length === 0) throw new UpstreamError(400, `* ${where}.content.parts: must not be empty`);
  return parts.map((p) => asString(asObject(p)?.text) ?? '').join('\n');
}

const DEFAULT_DIMENSIONS = 16;

function values(text: string, dimensions: number | undefined): number[] {
  return Array.from(vectorFor(text, Math.min(3072, Math.max(1, dimensions ?? DEFAULT_DIMENSIONS))));
}

function embedRoute(batch: boolean): Route {
  return {
    path: `gemini:${batch ? 'batchEmbedContents' : 'embedContent'}`,
    method: 'POST',
    protocol: 'gemini',
    prepare(req) {
      requireGeminiAuth(req);
      const model = modelOf(req);
      const body = req.json ?? {};
      const items = batch ? asArray(body.requests).map(asObject) : [body];
      if (items.length === 0)
        throw new UpstreamError(400, '* BatchEmbedContentsRequest.requests: must not be empty');
      const texts = items.map((item, i) => {
        // The real API wants each request to name the model of the URL.
        if (batch && asString(item?.model) !== `models/${model}`) {
          throw new UpstreamError(
            400,
            `requests[${i}].model must be "models/${model}", got ${JSON.stringify(item?.model)}`,
          );
        }
        return embedText(item?.content, batch ? `requests[${i}]` : 'EmbedContentRequest');
      });
      return {
        model,
        prompt: texts[0] ?? '',
        run(): Reply {
          const vectors = texts.map((t, i) => ({
            values: values(t, asNumber(items[i]?.outputDimensionality)),
          }));
          const out = batch ? { embeddings: vectors } : { embedding: vectors[0] };
          return { kind: 'json', status: 200, body: JSON.stringify(out) };
        },
      };
    },
  };
}

const countTokensRoute: Route = {
  path: 'gemini:countTokens',
  method: 'POST',
  protocol: 'gemini',
  prepare(req) {
    requireGeminiAuth(req);
    const model = modelOf(req);
    const body = req.json ?? {};
    const request = asObject(body.generateContentRequest);
    // A wrapped request names its model again; the conversation is the rest.
    const { model: _named, ...inner } = request ?? {};
    const conversation = readGeminiConversation(request ? inner : body, model);
    return {
      model,
      prompt: conversation.prompt,
      run(): Reply {
        const total = Math.max(1, tokens(conversation.inputChars));
        return { kind: 'json', status: 200, body: JSON.stringify({ totalTokens: total }) };
      },
    };
  },
};

const GEMINI_MODELS = ['mock-gemini', 'mock-gemini-flash', 'mock-gemini-embedding'];

export const geminiModelsRoute: Route = {
  path: 'models',
  method: 'GET',
  protocol: 'gemini',
  accepts: (headers) => headers['x-goog-api-key'] !== undefined,
  prepare(req) {
    requireGeminiAuth(req);
    return {
      model: '',
      prompt: '',
      run(): Reply {
        const models = GEMINI_MODELS.map((id) => ({
          name: `models/${id}`,
          displayName: id,
          supportedGenerationMethods: id.includes('embedding')
            ? ['embedContent']
            : ['generateContent', 'countTokens'],
        }));
        return { kind: 'json', status: 200, body: JSON.stringify({ models }) };
      },
    };
  },
};

/** The routes a `…/models/<model>:<method>` path resolves to, by method. */
export const GEMINI_ROUTES: Readonly<Record<GeminiMethod, Route>> = {
  generateContent: generateRoute('generateContent'),
  streamGenerateContent: generateRoute('streamGenerateContent'),
  embedContent: embedRoute(false),
  batchEmbedContents: embedRoute(true),
  countTokens: countTokensRoute,
};
