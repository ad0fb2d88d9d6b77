// Owns the header policy: which headers belong to the transport or the edge, and which client headers reach a provider.
import type { WireProtocol } from './catalogue';

/** Hop-by-hop and framing headers: never cross the gateway in either direction. */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  'host',
]);

/** Headers added by the edge, the local runtime or the gateway itself. */
const EDGE_PREFIXES = ['cf-', 'x-forwarded-', 'x-gateway-', 'x-mf-'];

/** Client credentials and identity: never forwarded, not even when a provider's `forward_headers` names them. */
const NEVER_FORWARDED: ReadonlySet<string> = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'x-admin-token',
  'x-user-id',
]);

/** The one deny-list shared by every direction: framing, hop-by-hop and edge-added headers (lower-case name). */
export function isTransportHeader(name: string): boolean {
  return HOP_BY_HOP.has(name) || EDGE_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * Client headers a provider may receive, per provider protocol (lower-case; a trailing `*` is a prefix).
 * `sameProtocol` entries only pass when the client speaks the provider's protocol: SDK identity and
 * beta switches mean nothing to a provider of another protocol. Credentials, identity, organisation
 * and project selectors (`openai-organization`, `openai-project`) are never listed: the operator's
 * provider key decides those.
 */
const FORWARDED: Record<WireProtocol, { always: readonly string[]; sameProtocol: readonly string[] }> = {
  openai: { always: ['accept'], sameProtocol: ['user-agent', 'openai-beta', 'x-stainless-*'] },
  openai_responses: { always: ['accept'], sameProtocol: ['user-agent', 'openai-beta', 'x-stainless-*'] },
  anthropic: {
    always: ['accept'],
    sameProtocol: ['user-agent', 'anthropic-version', 'anthropic-beta', 'x-stainless-*'],
  },
  gemini: { always: ['accept'], sameProtocol: ['user-agent', 'x-goog-api-client'] },
  // Bedrock is signed with the operator's AWS key: no client header means anything to it.
  bedrock_converse: { always: ['accept'], sameProtocol: [] },
};

/** At most this many client headers, each at most this long, are forwarded (the rest are dropped). */
export const MAX_FORWARDED_HEADERS = 64;
export const MAX_FORWARDED_VALUE = 4096;

function listed(name: string, list: readonly string[]): boolean {
  for (const entry of list) {
    if (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry) return true;
  }
  return false;
}

/** Whether a header name is a valid `forward_headers` entry: a lower-case name, optionally ending in `*`. */
export function isForwardPattern(entry: string): boolean {
  const name = entry.replace(/\*$/, '');
  return /^[a-z0-9!#$%&'+.^_`|~-]+\*?$/.test(entry) && !isTransportHeader(name) && !NEVER_FORWARDED.has(name);
}

/**
 * Whether a client header (lower-case name) is forwarded to a provider speaking `target`: on the
 * protocol's allow-list, or on the provider's own `forward_headers`, and never a transport header.
 */
export function forwardsUpstream(
  name: string,
  target: WireProtocol,
  sameProtocol: boolean,
  extra: readonly string[] = [],
): boolean {
  if (isTransportHeader(name) || NEVER_FORWARDED.has(name)) return false;
  const policy = FORWARDED[target];
  return (
    listed(name, policy.always) || (sameProtocol && listed(name, policy.sameProtocol)) || listed(name, extra)
  );
}
