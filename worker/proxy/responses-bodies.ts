// Owns which Responses body an attempt sends and how its converted answer is named, given the stored state it uses.
import type { ResponseOptions } from '../protocols/responses/chat-to-responses-response';
import { mintedResponseId } from '../protocols/responses/stored-input';
import type { JsonObject } from '../protocols/types';
import type { Candidate } from '../routing/types';
import type { ProxyRequest } from './request';

/** The client's JSON with any stored conversation expanded: what converters read. */
export function clientJson(req: ProxyRequest): JsonObject {
  if (req.stored) return req.stored.body;
  return req.body.kind === 'json' ? req.body.json : {};
}

/**
 * A same-protocol Responses attempt sends the client's bytes when the provider holds what they name
 * (every stored turn came from this very link, or the gateway found none); otherwise the expanded body,
 * since another provider cannot resolve another's ids.
 */
export function relayedJson(
  req: ProxyRequest,
  candidate: Candidate,
): { raw: string; json: JsonObject } | null {
  const stored = req.stored;
  if (!stored || req.body.kind !== 'json') return null;
  const own =
    stored.linkIds.size === 0 || (stored.linkIds.size === 1 && stored.linkIds.has(candidate.link.id));
  return own ? null : { raw: JSON.stringify(stored.body), json: stored.body };
}

/**
 * How a converted Responses answer is named: a gateway-minted id, `store`, what it continues, and
 * the link its encrypted reasoning belongs to (none for a replayed cache entry: no link served it).
 */
export function responseOptions(req: ProxyRequest, candidate?: Candidate): ResponseOptions {
  const json = req.body.kind === 'json' ? req.body.json : {};
  return {
    responseId: mintedResponseId(req.traceId),
    stored: json.store !== false,
    previousResponseId: req.stored?.previousResponseId,
    reasoningOrigin: candidate?.link.id,
  };
}
