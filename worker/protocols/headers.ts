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

/** Client headers that carry the client's credentials, identity or origin: never sent to a provider. */
const CLIENT_ONLY: ReadonlySet<string> = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'x-user-id',
  'accept-encoding',
  'origin',
  'referer',
  'forwarded',
  'x-real-ip',
  'true-client-ip',
  'x-admin-token',
]);

/** The one deny-list shared by every direction: framing, hop-by-hop and edge-added headers (lower-case name). */
export function isTransportHeader(name: string): boolean {
  return HOP_BY_HOP.has(name) || EDGE_PREFIXES.some((p) => name.startsWith(p));
}

/** Whether a client header (lower-case name) is forwarded to a provider speaking `target`. */
export function forwardsUpstream(name: string, target: WireProtocol): boolean {
  if (isTransportHeader(name) || CLIENT_ONLY.has(name)) return false;
  // Protocol-specific client headers only make sense for a provider of that protocol.
  if (name.startsWith('anthropic-') && target !== 'anthropic') return false;
  if (name.startsWith('openai-') && target === 'anthropic') return false;
  if (name.startsWith('x-goog-') && target !== 'gemini') return false;
  return true;
}
