// Owns the bridges that involve Gemini: Gemini providers (model and method in the URL) and Gemini embeddings both ways.

import type { WireProtocol } from '../protocols/catalogue';
import type { EndpointId } from '../protocols/endpoints';
import { chatRequestToGemini } from '../protocols/gemini/chat-to-gemini-request';
import {
  geminiEmbeddingsToOpenai,
  geminiEmbedToOpenai,
  openaiEmbeddingsToGemini,
  openaiEmbeddingsToGeminiResponse,
} from '../protocols/gemini/embeddings';
import { geminiResponseToChat } from '../protocols/gemini/gemini-to-chat-response';
import { createGeminiToChatStream } from '../protocols/gemini/gemini-to-chat-stream';
import { signaturesOfMessage, unbundleSignatures, unsignedToolCallIds } from '../protocols/gemini/signatures';
import { type GeminiMethod, geminiUrl } from '../protocols/gemini/upstream';
import { errorToGemini } from '../protocols/gemini/upstream-to-gemini-error';
import { isObject } from '../protocols/shared/json';
import { errorToChat } from '../protocols/shared/upstream-to-chat-error';
import { ConversionError, type JsonObject, type StreamConverter } from '../protocols/types';
import { upstreamUrl } from '../protocols/upstream';
import type { Candidate } from '../routing/types';
import type { Bridge, PreparedBody } from './bridge-types';
import {
  type ClientShape,
  chatToClientStream,
  clientError,
  compose,
  fromChatResponse,
  toChatRequest,
} from './conversions';
import type { ProxyRequest } from './request';
import { clientJson, responseOptions } from './responses-bodies';
import type { SignatureStore } from './signature-store';

const FIXED_METHOD: Partial<Record<EndpointId, GeminiMethod>> = {
  gemini_embed: 'embedContent',
  gemini_batch_embed: 'batchEmbedContents',
  gemini_count_tokens: 'countTokens',
};

function methodOf(endpoint: EndpointId, stream: boolean): GeminiMethod {
  return FIXED_METHOD[endpoint] ?? (stream ? 'streamGenerateContent' : 'generateContent');
}

function jsonBody(req: ProxyRequest): JsonObject {
  if (req.body.kind !== 'json') throw new ConversionError('form bodies cannot be sent to Gemini');
  return req.body.json;
}

function prepared(out: JsonObject): PreparedBody {
  const text = JSON.stringify(out);
  return { body: text, contentType: 'application/json', converted: text };
}

/**
 * The bridge when Gemini is on either side, `undefined` when it is on neither (the generic bridges
 * apply), `null` when the provider cannot serve the endpoint.
 */
export function selectGeminiBridge(
  endpoint: EndpointId,
  shape: ClientShape | undefined,
  target: WireProtocol,
): Bridge | null | undefined {
  if (target === 'gemini') {
    if (endpoint.startsWith('gemini_')) return geminiIdentityBridge(endpoint);
    if (shape) return chatToGeminiBridge(shape);
    return endpoint === 'embeddings' ? embeddingsToGeminiBridge() : null;
  }
  if (endpoint === 'gemini_embed' || endpoint === 'gemini_batch_embed') {
    return target === 'anthropic' ? null : geminiEmbedToOpenaiBridge(endpoint === 'gemini_batch_embed');
  }
  // Only a Gemini provider counts tokens remotely; the route answers locally otherwise.
  if (endpoint === 'gemini_count_tokens') return null;
  return undefined;
}

/** True when an error body already is Google's envelope (`error.code` a number, `error.status` a name). */
function inGoogleEnvelope(text: string): boolean {
  try {
    const body = JSON.parse(text) as JsonObject;
    return isObject(body.error) && typeof body.error.code === 'number';
  } catch {
    return false;
  }
}

/** Gemini client → Gemini provider: bytes as sent; only the model, which lives in the URL, changes. */
function geminiIdentityBridge(endpoint: EndpointId): Bridge {
  return {
    url: (req, c) => geminiUrl(c.provider.baseUrl, c.link.targetModelName, methodOf(endpoint, req.stream)),
    identity: true,
    prepare(req, candidate) {
      const json = jsonBody(req);
      const model = `models/${candidate.link.targetModelName}`;
      // A batch names the model again in each request, and Gemini wants it to match the URL's.
      if (endpoint === 'gemini_batch_embed' && Array.isArray(json.requests)) {
        return prepared({ ...json, requests: json.requests.map((r) => (isObject(r) ? { ...r, model } : r)) });
      }
      if (endpoint === 'gemini_count_tokens' && isObject(json.generateContentRequest)) {
        return prepared({ ...json, generateContentRequest: { ...json.generateContentRequest, model } });
      }
      // Provider defaults fill an absent generationConfig field (SPEC §4.1); otherwise the bytes go as sent.
      const defaults = candidate.provider.options.default_parameters;
      if (endpoint === 'gemini_generate' && defaults && Object.keys(defaults).length > 0) {
        const filled = withDefaults({ ...json }, candidate);
        if (JSON.stringify(filled.generationConfig) !== JSON.stringify(json.generationConfig))
          return prepared(filled);
      }
      const raw = req.body.kind === 'json' ? req.body.raw : '';
      return { body: raw, contentType: 'application/json', converted: null };
    },
    convertResponse: (json) => json,
    streamConverter: () => null,
    convertError: (status, text) => (inGoogleEnvelope(text) ? null : errorToGemini(status, text)),
  };
}

/** Provider default parameters fill what the request left out, in Gemini's vocabulary. */
function withDefaults(out: JsonObject, candidate: Candidate): JsonObject {
  const defaults = candidate.provider.options.default_parameters ?? {};
  const config: JsonObject = isObject(out.generationConfig) ? { ...out.generationConfig } : {};
  const names: Array<[string, string]> = [
    ['temperature', 'temperature'],
    ['top_p', 'topP'],
    ['top_k', 'topK'],
    ['max_tokens', 'maxOutputTokens'],
  ];
  for (const [from, to] of names) {
    if (typeof defaults[from] === 'number' && config[to] === undefined) config[to] = defaults[from];
  }
  if (Object.keys(config).length > 0) out.generationConfig = config;
  return out;
}

function rememberSignatures(store: SignatureStore | undefined, chat: JsonObject): void {
  const choices = Array.isArray(chat.choices) ? chat.choices : [];
  const message = isObject(choices[0]) && isObject(choices[0].message) ? choices[0].message : undefined;
  if (!store || !message) return;
  const signatures = signaturesOfMessage(message);
  if (signatures.size > 0) store.remember(signatures);
}

/** Watches the Chat chunks a Gemini stream became for signature bundles, for the gateway's record. */
function tapSignatures(inner: StreamConverter, store: SignatureStore | undefined): StreamConverter {
  if (!store) return inner;
  const watch = (events: ReturnType<StreamConverter['push']>) => {
    for (const ev of events) {
      if (!ev.data.includes('gemini:v1:')) continue;
      const chunk = JSON.parse(ev.data) as JsonObject;
      const choice =
        Array.isArray(chunk.choices) && isObject(chunk.choices[0]) ? chunk.choices[0] : undefined;
      const delta = choice && isObject(choice.delta) ? choice.delta : undefined;
      const blocks = delta && Array.isArray(delta.thinking_blocks) ? delta.thinking_blocks : [];
      for (const block of blocks) {
        if (isObject(block) && typeof block.signature === 'string')
          store.remember(unbundleSignatures(block.signature));
      }
    }
    return events;
  };
  return { push: (ev) => watch(inner.push(ev)), end: () => watch(inner.end()), fail: inner.fail };
}

/** A chat-like client (Chat, Messages, Responses, Completions) → a Gemini provider, through Chat. */
function chatToGeminiBridge(shape: ClientShape): Bridge {
  return {
    url: (req, c) => geminiUrl(c.provider.baseUrl, c.link.targetModelName, methodOf('chat', req.stream)),
    identity: false,
    async prepare(req, candidate) {
      const chat = toChatRequest[shape](clientJson(req), req);
      // Signatures the client did not send back come from the gateway's record, looked up only then.
      const missing = unsignedToolCallIds(chat);
      const recalled =
        missing.length > 0 && req.signatures ? await req.signatures.recall(missing) : undefined;
      const out = chatRequestToGemini(chat, { targetModel: candidate.link.targetModelName, recalled });
      return prepared(withDefaults(out, candidate));
    },
    convertResponse(json, req, candidate) {
      const chat = geminiResponseToChat(json);
      rememberSignatures(req.signatures, chat);
      return fromChatResponse[shape](chat, clientJson(req), responseOptions(req, candidate));
    },
    streamConverter(req, candidate) {
      const includeUsage = shape !== 'chat' || req.clientAskedUsage;
      const fromGemini = tapSignatures(createGeminiToChatStream({ includeUsage }), req.signatures);
      return compose(fromGemini, chatToClientStream(shape, clientJson(req), responseOptions(req, candidate)));
    },
    convertError: (status, text) => clientError[shape](status, text),
  };
}

/** OpenAI `/v1/embeddings` → Gemini `batchEmbedContents`. */
function embeddingsToGeminiBridge(): Bridge {
  return {
    url: (_req, c) => geminiUrl(c.provider.baseUrl, c.link.targetModelName, 'batchEmbedContents'),
    identity: false,
    prepare: (req, candidate) =>
      prepared(openaiEmbeddingsToGemini(jsonBody(req), candidate.link.targetModelName)),
    convertResponse: (json, req) => geminiEmbeddingsToOpenai(json, jsonBody(req), req.model),
    streamConverter: () => null,
    convertError: (status, text) => errorToChat(status, text),
  };
}

/** Gemini `embedContent` / `batchEmbedContents` → an OpenAI-protocol `/v1/embeddings`. */
function geminiEmbedToOpenaiBridge(batch: boolean): Bridge {
  return {
    url: (_req, c) => upstreamUrl(c.provider, '/v1/embeddings'),
    identity: false,
    prepare: (req, candidate) =>
      prepared(geminiEmbedToOpenai(jsonBody(req), candidate.link.targetModelName, batch)),
    convertResponse: (json) => openaiEmbeddingsToGeminiResponse(json, batch),
    streamConverter: () => null,
    convertError: (status, text) => errorToGemini(status, text),
  };
}
