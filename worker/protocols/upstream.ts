// Owns how a provider is addressed besides the body: its URL, the headers it gets (auth included) and what comes back.
import { awsCredentials, bedrockAnthropicBody, bedrockUrl } from './bedrock/upstream';
import type { ModelCapabilities } from './capabilities';
import type { WireProtocol } from './catalogue';
import { geminiBase } from './gemini/upstream';
import { forwardsUpstream, isTransportHeader, MAX_FORWARDED_HEADERS, MAX_FORWARDED_VALUE } from './headers';
import { vertexAnthropicBody, vertexAnthropicUrl } from './vertex/upstream';

/** Provider options kept as JSON: parameters filled in when absent, and URL handling. */
export interface ProviderOptions {
  default_parameters?: Record<string, number>;
  no_suffix?: boolean;
  /** Client headers this provider also receives, beyond its protocol's allow-list (`x-team-*` style). */
  forward_headers?: string[];
  /** AWS region for SigV4 when the base URL does not name it (e.g. a VPC endpoint). */
  region?: string;
  /** `anthropic-beta` values this provider accepts (`prefix*` allowed); absent: every value passes. */
  anthropic_beta?: string[];
  /** Capabilities of this provider's models by name (`prefix*` allowed), over the built-in table. */
  model_capabilities?: Record<string, ModelCapabilities>;
}

/** What addressing a provider needs (the routing config's provider satisfies it). */
export interface UpstreamTarget {
  baseUrl: string;
  /** The preset (e.g. `bedrock_anthropic`): cloud dialects of a wire protocol are addressed differently. */
  protocol?: string;
  /** The wire protocol the provider speaks. */
  implementation: WireProtocol;
  /** Decrypted provider key; held only in isolate memory. */
  apiKey: string | null;
  extraHeaders: Record<string, string>;
  options: ProviderOptions;
}

/** What a call needs besides its path where a dialect puts the model or the streaming flag in the URL. */
export interface UpstreamCall {
  model: string;
  stream: boolean;
}

/**
 * The upstream URL: base URL plus the client path without its leading `/v1` (unless `no_suffix`).
 * Cloud dialects put the model in the path: Bedrock (`/model/<id>/invoke`, `/converse`), Vertex
 * Claude (`/models/<id>:rawPredict`).
 */
export function upstreamUrl(provider: UpstreamTarget, path: string, call?: UpstreamCall): string {
  if (call && provider.implementation === 'bedrock_converse') {
    return bedrockUrl(provider.baseUrl, call.model, call.stream ? 'converse-stream' : 'converse');
  }
  if (call && provider.protocol === 'bedrock_anthropic') {
    return bedrockUrl(provider.baseUrl, call.model, call.stream ? 'invoke-with-response-stream' : 'invoke');
  }
  if (call && provider.protocol === 'vertex_anthropic') {
    return vertexAnthropicUrl(provider.baseUrl, call.model, call.stream);
  }
  const trimmed = provider.baseUrl.replace(/\/+$/, '');
  const base = provider.implementation === 'gemini' ? geminiBase(trimmed) : trimmed;
  if (provider.options.no_suffix) return base;
  const suffix = path.startsWith('/v1/') ? path.slice(3) : path;
  return base + suffix;
}

/**
 * Builds the upstream headers: the client headers the policy forwards (`sameProtocol` when the client
 * speaks the provider's protocol), the provider's auth, then its extra headers.
 */
export function upstreamHeaders(
  provider: UpstreamTarget,
  clientHeaders: Headers,
  contentType: string | null,
  sameProtocol = false,
): Headers {
  const out = new Headers();
  const target = provider.implementation;
  const extra = provider.options.forward_headers;
  let forwarded = 0;
  clientHeaders.forEach((value, name) => {
    if (forwarded >= MAX_FORWARDED_HEADERS || value.length > MAX_FORWARDED_VALUE) return;
    if (!forwardsUpstream(name, target, sameProtocol, extra)) return;
    const kept = name === 'anthropic-beta' ? allowedBetas(value, provider.options.anthropic_beta) : value;
    if (kept === '') return;
    out.set(name, kept);
    forwarded++;
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
  applyCloudAuth(provider, out);
  for (const [name, value] of Object.entries(provider.extraHeaders)) out.set(name, value);
  return out;
}

/** The `anthropic-beta` values a provider accepts, comma-joined; all of them when it names none. */
export function allowedBetas(value: string, allowed: readonly string[] | undefined): string {
  if (allowed === undefined) return value;
  const ok = (beta: string) =>
    allowed.some((a) => (a.endsWith('*') ? beta.startsWith(a.slice(0, -1)) : beta === a));
  return value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '' && ok(b))
    .join(',');
}

/**
 * Cloud dialects authenticate differently: Azure wants `api-key`; Bedrock access keys and Vertex
 * service accounts are never sent as they are (the proxy signs or exchanges them per call).
 */
const ENTRA_TOKEN = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

function applyCloudAuth(provider: UpstreamTarget, out: Headers): void {
  const dialect = provider.protocol ?? '';
  if (dialect === 'azure_openai' && provider.apiKey && !ENTRA_TOKEN.test(provider.apiKey)) {
    // An Entra ID access token (a JWT) stays a bearer token; a resource key goes in `api-key`.
    out.delete('authorization');
    out.set('api-key', provider.apiKey);
  } else if (dialect.startsWith('vertex_')) {
    out.delete('authorization');
    out.delete('x-api-key');
    out.delete('x-goog-api-key');
    out.delete('anthropic-version');
  } else if (dialect.startsWith('bedrock_')) {
    out.delete('x-api-key');
    out.delete('anthropic-version');
    // Access keys sign each call (SigV4); a Bedrock API key is a bearer token.
    if (awsCredentials(provider.apiKey)) out.delete('authorization');
    else if (provider.apiKey) out.set('authorization', `Bearer ${provider.apiKey}`);
  }
}

/** The body a dialect takes in place of the wire protocol's own (Anthropic on Bedrock and Vertex). */
export function dialectBody(provider: UpstreamTarget, body: string): string {
  const dialect = provider.protocol;
  if (dialect !== 'bedrock_anthropic' && dialect !== 'vertex_anthropic') return body;
  const json = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(
    dialect === 'bedrock_anthropic' ? bedrockAnthropicBody(json) : vertexAnthropicBody(json),
  );
}

/**
 * Response headers from upstream that may be returned to the client, each value passed through
 * `clean` (a provider may echo its own key, or the caller's, in a header).
 */
export function clientResponseHeaders(upstream: Headers, clean: (value: string) => string): Headers {
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (isTransportHeader(name) || name === 'set-cookie') return;
    out.set(name, clean(value));
  });
  return out;
}
