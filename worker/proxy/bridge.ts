// Owns the choice of how a client endpoint reaches a provider protocol: upstream path, body and converters.
import type { WireProtocol } from '../protocols/catalogue';
import type { JsonObject, StreamConverter } from '../protocols/types';
import type { Candidate } from '../routing/types';
import type { EndpointId } from './endpoints';
import { sameProtocolBody } from './mutations';
import type { ProxyRequest } from './request';

export interface PreparedBody {
  body: string | FormData;
  contentType: string | null;
  /** What the log stores as the converted request (null when identical to the client's). */
  converted: string | null;
}

export interface Bridge {
  upstreamPath: string;
  /** Same protocol: bytes pass through and only §4.1 mutations apply. */
  identity: boolean;
  prepare(req: ProxyRequest, candidate: Candidate): PreparedBody;
  /** Converts a successful non-stream upstream JSON body for the client. */
  convertResponse(json: JsonObject): JsonObject;
  /** A converter for streamed events, or null to pass bytes through. */
  streamConverter(req: ProxyRequest): StreamConverter | null;
  /** Translates an upstream error body into the client's envelope, or null to relay it unchanged. */
  convertError(status: number, text: string): JsonObject | null;
}

function identityBridge(path: string): Bridge {
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
      const body = sameProtocolBody(
        req.body.raw,
        req.body.json,
        req.spec.id,
        candidate.provider,
        candidate.link.targetModelName,
        req.stream,
      );
      return { body, contentType: 'application/json', converted: body === req.body.raw ? null : body };
    },
    convertResponse: (json) => json,
    streamConverter: () => null,
    convertError: () => null,
  };
}

const SAME_PROTOCOL: Record<EndpointId, WireProtocol[]> = {
  chat: ['openai'],
  messages: ['anthropic'],
  responses: ['openai_responses'],
  completions: ['openai'],
  embeddings: ['openai', 'openai_responses'],
  images_generations: ['openai', 'openai_responses'],
  images_edits: ['openai', 'openai_responses'],
  images_variations: ['openai', 'openai_responses'],
  audio_speech: ['openai', 'openai_responses'],
  audio_transcriptions: ['openai', 'openai_responses'],
  audio_translations: ['openai', 'openai_responses'],
};

/** The bridge for a client endpoint and a provider protocol, or null when the provider cannot serve it. */
export function selectBridge(endpoint: EndpointId, path: string, target: WireProtocol): Bridge | null {
  if (SAME_PROTOCOL[endpoint].includes(target)) return identityBridge(path);
  return null;
}
