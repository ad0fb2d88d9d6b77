// Owns how a provider is addressed besides the body: its URL, the headers it gets (auth included) and what comes back.
import type { WireProtocol } from './catalogue';
import { geminiBase } from './gemini/upstream';
import { forwardsUpstream, isTransportHeader } from './headers';

/** Provider options kept as JSON: parameters filled in when absent, and URL handling. */
export interface ProviderOptions {
  default_parameters?: Record<string, number>;
  no_suffix?: boolean;
}

/** What addressing a provider needs (the routing config's provider satisfies it). */
export interface UpstreamTarget {
  baseUrl: string;
  /** The wire protocol the provider speaks. */
  implementation: WireProtocol;
  /** Decrypted provider key; held only in isolate memory. */
  apiKey: string | null;
  extraHeaders: Record<string, string>;
  options: ProviderOptions;
}

/** The upstream URL: base URL plus the client path without its leading `/v1` (unless `no_suffix`). */
export function upstreamUrl(provider: UpstreamTarget, path: string): string {
  const trimmed = provider.baseUrl.replace(/\/+$/, '');
  const base = provider.implementation === 'gemini' ? geminiBase(trimmed) : trimmed;
  if (provider.options.no_suffix) return base;
  const suffix = path.startsWith('/v1/') ? path.slice(3) : path;
  return base + suffix;
}

/** Builds the upstream headers: filtered client headers, the provider's auth, then its extra headers. */
export function upstreamHeaders(
  provider: UpstreamTarget,
  clientHeaders: Headers,
  contentType: string | null,
): Headers {
  const out = new Headers();
  const target = provider.implementation;
  clientHeaders.forEach((value, name) => {
    if (forwardsUpstream(name, target)) out.set(name, value);
  });
  if (contentType) out.set('content-type', contentType);
  else out.delete('content-type');
  if (target === 'anthropic') {
    if (provider.apiKey) out.set('x-api-key', provider.apiKey);
    if (!out.has('anthropic-version')) out.set('anthropic-version', '2023-06-01');
  } else if (target === 'gemini') {
    if (provider.apiKey) out.set('x-goog-api-key', provider.apiKey);
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
    if (isTransportHeader(name) || name === 'set-cookie') return;
    out.set(name, value);
  });
  return out;
}
