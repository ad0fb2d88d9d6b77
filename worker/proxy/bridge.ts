// Owns the choice of how a client endpoint reaches a provider protocol: upstream path, body and converters.
import type { WireProtocol } from '../protocols/catalogue';
import type { EndpointId } from '../protocols/endpoints';
import { applyReasoningStyle } from '../protocols/openai/reasoning-style';
import { stripCacheBreakpoints } from '../protocols/openai/vendor-compat';
import { ConversionError, type JsonObject } from '../protocols/types';
import { upstreamUrl } from '../protocols/upstream';
import { converseBridge } from './bedrock-bridges';
import type { Bridge } from './bridge-types';
import {
  type ClientShape,
  chatToClientStream,
  clientError,
  compose,
  customCallsBack,
  fromChatRequest,
  fromChatResponse,
  type NonGeminiProtocol,
  providerToChatStream,
  toChatRequest,
  toChatResponse,
  usageChunkFilter,
} from './conversions';
import { selectGeminiBridge } from './gemini-bridges';
import { sameProtocolBody } from './mutations';
import { clientJson, relayedJson, responseOptions } from './responses-bodies';

export type { Bridge, PreparedBody } from './bridge-types';

const SHAPE: Partial<Record<EndpointId, ClientShape>> = {
  chat: 'chat',
  completions: 'completions',
  messages: 'messages',
  responses: 'responses',
  gemini_generate: 'gemini',
};
const NATIVE: Record<ClientShape, WireProtocol> = {
  chat: 'openai',
  completions: 'openai',
  messages: 'anthropic',
  responses: 'openai_responses',
  gemini: 'gemini',
};
const PATH: Record<NonGeminiProtocol, string> = {
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
  openai_responses: '/v1/responses',
};
const TARGET_ENDPOINT: Record<NonGeminiProtocol, EndpointId> = {
  openai: 'chat',
  anthropic: 'messages',
  openai_responses: 'responses',
};

/** True when an error body already is in the client's envelope, so it can be relayed byte for byte. */
function inEnvelope(shape: ClientShape | undefined, text: string): boolean {
  try {
    const body = JSON.parse(text) as JsonObject;
    const error = body.error;
    if (!error || typeof error !== 'object') return false;
    return shape === 'messages' ? body.type === 'error' : body.type !== 'error';
  } catch {
    return false;
  }
}

function identityBridge(path: string, shape: ClientShape | undefined, target: WireProtocol): Bridge {
  return {
    url: (req, c) => upstreamUrl(c.provider, path, { model: c.link.targetModelName, stream: req.stream }),
    identity: true,
    prepare(req, candidate) {
      if (req.body.kind === 'form') {
        const form = new FormData();
        req.body.form.forEach((value, name) => {
          form.append(name, name === 'model' ? candidate.link.targetModelName : value);
        });
        return { body: form, contentType: null, converted: null };
      }
      const { raw, json } = relayedJson(req, candidate) ?? req.body;
      const { body, adjustments } = sameProtocolBody(
        raw,
        json,
        req.spec.id,
        candidate.provider,
        candidate.link.targetModelName,
        req.stream,
      );
      const converted = body === req.body.raw ? null : body;
      return { body, contentType: 'application/json', converted, adjustments };
    },
    convertResponse: (json) => json,
    streamConverter(req) {
      // The gateway asked an OpenAI-protocol provider for usage; a client that did not ask must not see it.
      const injected = target === 'openai' && (shape === 'chat' || shape === 'completions');
      return injected && !req.clientAskedUsage ? usageChunkFilter() : null;
    },
    convertError: (status, text) =>
      inEnvelope(shape, text) ? null : clientError[shape ?? 'chat'](status, text),
  };
}

function convertingBridge(shape: ClientShape, target: NonGeminiProtocol): Bridge {
  return {
    url: (req, c) =>
      upstreamUrl(c.provider, PATH[target], { model: c.link.targetModelName, stream: req.stream }),
    identity: false,
    prepare(req, candidate) {
      if (req.body.kind !== 'json')
        throw new ConversionError('form bodies cannot be converted between protocols');
      let out = fromChatRequest[target](toChatRequest[shape](clientJson(req), req));
      if (target === 'openai') {
        out = applyReasoningStyle(out, candidate.provider.reasoning);
        // Only OpenAI itself (and Azure's copy of its API) takes explicit cache breakpoints.
        const breakpoints =
          candidate.provider.protocol === 'openai' || candidate.provider.protocol === 'azure_openai';
        if (!breakpoints) out = stripCacheBreakpoints(out);
      }
      const text = JSON.stringify(out);
      const { body, adjustments } = sameProtocolBody(
        text,
        out,
        TARGET_ENDPOINT[target],
        candidate.provider,
        candidate.link.targetModelName,
        req.stream,
      );
      return { body, contentType: 'application/json', converted: body, adjustments };
    },
    convertResponse(json, req, candidate) {
      const chat = customCallsBack(shape, target, clientJson(req)).body(toChatResponse[target](json));
      return fromChatResponse[shape](chat, clientJson(req), responseOptions(req, candidate));
    },
    streamConverter(req, candidate) {
      const includeUsage = shape !== 'chat' || req.clientAskedUsage;
      const client = chatToClientStream(shape, clientJson(req), responseOptions(req, candidate));
      const restore = customCallsBack(shape, target, clientJson(req)).stream;
      return compose(compose(providerToChatStream(target, includeUsage), restore), client);
    },
    convertError: (status, text) => clientError[shape](status, text),
  };
}

/** The bridge for a client endpoint and a provider protocol, or null when the provider cannot serve it. */
export function selectBridge(endpoint: EndpointId, path: string, target: WireProtocol): Bridge | null {
  const shape = SHAPE[endpoint];
  const gemini = selectGeminiBridge(endpoint, shape, target);
  if (gemini !== undefined) return gemini;
  if (target === 'gemini') return null;
  if (target === 'bedrock_converse') return shape ? converseBridge(shape) : null;
  if (!shape) return target === 'anthropic' ? null : identityBridge(path, undefined, target);
  if (NATIVE[shape] === target) return identityBridge(path, shape, target);
  return convertingBridge(shape, target);
}

/** The chat-like shape a client endpoint speaks, or undefined for the others (embeddings, media). */
export function clientShape(endpoint: EndpointId): ClientShape | undefined {
  return SHAPE[endpoint];
}
