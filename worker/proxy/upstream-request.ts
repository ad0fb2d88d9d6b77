// Owns what goes upstream besides the body: the URL for a provider and the filtered, authenticated headers.
import type { WireProtocol } from '../protocols/catalogue';
import type { ProviderConfig } from '../routing/types';

/** Headers that never cross the gateway in either direction (hop-by-hop and framing). */
export const HOP_BY_HOP = new Set([
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

/** Client headers that must not reach a provider: credentials, cookies, identity and edge metadata. */
const NEVER_UPSTREAM = new Set([
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

const NEVER_UPSTREAM_PREFIXES = ['cf-', 'x-forwarded-', 'x-gateway-', 'x-mf-'];

function keepForUpstream(name: string, target: WireProtocol): boolean {
  if (HOP_BY_HOP.has(name) || NEVER_UPSTREAM.has(name)) return false;
  if (NEVER_UPSTREAM_PREFIXES.some((p) => name.startsWith(p))) return false;
  // Protocol-specific client headers only make sense for a provider of that protocol.
  if (name.startsWith('anthropic-') && target !== 'anthropic') return false;
  if (name.startsWith('openai-') && target === 'anthropic') return false;
  return true;
}

/** The upstream URL: base URL plus the client path without its leading `/v1` (unless `no_suffix`). */
export function upstreamUrl(provider: ProviderConfig, path: string): string {
  const base = provider.baseUrl.replace(/\/+$/, '');
  if (provider.options.no_suffix) return base;
  const suffix = path.startsWith('/v1/') ? path.slice(3) : path;
  return base + suffix;
}

/** Builds the upstream headers: filtered client headers, the provider's auth, then its extra headers. */
export function upstreamHeaders(
  provider: ProviderConfig,
  clientHeaders: Headers,
  contentType: string | null,
): Headers {
  const out = new Headers();
  const target = provider.implementation;
  clientHeaders.forEach((value, name) => {
    if (keepForUpstream(name, target)) out.set(name, value);
  });
  if (contentType) out.set('content-type', contentType);
  else out.delete('content-type');
  if (target === 'anthropic') {
    if (provider.apiKey) out.set('x-api-key', provider.apiKey);
    if (!out.has('anthropic-version')) out.set('anthropic-version', '2023-06-01');
  } else if (provider.apiKey) {
    out.set('authorization', `Bearer ${provider.apiKey}`);
  }
  for (const [name, value] of Object.entries(provider.extraHeaders)) out.set(name, value);
  out.delete('x-user-id');
  return out;
}

/** Response headers from upstream that may be returned to the client. */
export function clientResponseHeaders(upstream: Headers): Headers {
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || name === 'set-cookie' || name.startsWith('cf-')) return;
    out.set(name, value);
  });
  return out;
}
