// Owns the choice of how a client endpoint reaches a provider protocol: upstream path, body and converters.
import type { WireProtocol } from '../protocols/catalogue';
import type { EndpointId } from '../protocols/endpoints';
import { applyReasoningStyle } from '../protocols/openai/reasoning-style';
import { stripCacheBreakpoints } from '../protocols/openai/vendor-compat';
import { ConversionError, type JsonObject, type StreamConverter } from '../protocols/types';
import type { Candidate } from '../routing/types';
import {
  type ClientShape,
  chatToClientStream,
  clientError,
  compose,
  customCallsBack,
  fromChatRequest,
  fromChatResponse,
  providerToChatStream,
  toChatRequest,
  toChatResponse,
  usageChunkFilter,
} from './conversions';
import { sameProtocolBody } from './mutations';
import type { ProxyRequest } from './request';
import { clientJson, relayedJson, responseOptions } from './responses-bodies';

export interface PreparedBody {
  body: string | FormData;
  contentType: string | null;
  /** What the log stores as the converted request (null when identical to the client's). */
  converted: string | null;
  /** Changes made so the target model accepts the request (clamped or dropped fields), for the log. */
  adjustments?: string[];
}

export interface Bridge {
  upstreamPath: string;
  /** Same protocol: bytes pass through and only §4.1 mutations apply. */
  identity: boolean;
  prepare(req: ProxyRequest, candidate: Candidate): PreparedBody;
  /** Converts a successful non-stream upstream JSON body for the client. */
  convertResponse(json: JsonObject, req: ProxyRequest, candidate: Candidate): JsonObject;
  /** A converter for streamed events, or null to pass bytes through. */
  streamConverter(req: ProxyRequest, candidate: Candidate): StreamConverter | null;
  /** Translates an upstream error body into the client's envelope, or null to relay it unchanged. */
  convertError(status: number, text: string): JsonObject | null;
}

const SHAPE: Partial<Record<EndpointId, ClientShape>> = {
  chat: 'chat',
  completions: 'completions',
  messages: 'messages',
  responses: 'responses',
};
const NATIVE: Record<ClientShape, WireProtocol> = {
  chat: 'openai',
  completions: 'openai',
  messages: 'anthropic',
  responses: 'openai_responses',
};
const PATH: Record<WireProtocol, string> = {
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
  openai_responses: '/v1/responses',
};
const TARGET_ENDPOINT: Record<WireProtocol, EndpointId> = {
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

function identityBridge(path: string, shape: ClientShape | undefined): Bridge {
  return {
    upstreamPath: path,
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
    streamConverter(req, candidate) {
      // The gateway asked an OpenAI-protocol provider for usage; a client that did not ask must not see it.
      const injected =
        candidate.provider.implementation === 'openai' && (shape === 'chat' || shape === 'completions');
      return injected && !req.clientAskedUsage ? usageChunkFilter() : null;
    },
    convertError: (status, text) =>
      inEnvelope(shape, text) ? null : clientError[shape ?? 'chat'](status, text),
  };
}

function convertingBridge(shape: ClientShape, target: WireProtocol): Bridge {
  return {
    upstreamPath: PATH[target],
    identity: false,
    prepare(req, candidate) {
      if (req.body.kind !== 'json')
        throw new ConversionError('form bodies cannot be converted between protocols');
      let out = fromChatRequest[target](toChatRequest[shape](clientJson(req)));
      if (target === 'openai') {
        out = applyReasoningStyle(out, candidate.provider.reasoning);
        if (candidate.provider.protocol !== 'openai') out = stripCacheBreakpoints(out);
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
  if (!shape) return target === 'anthropic' ? null : identityBridge(path, undefined);
  if (NATIVE[shape] === target) return identityBridge(path, shape);
  return convertingBridge(shape, target);
}
