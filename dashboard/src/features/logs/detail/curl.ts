// Owns "copy as cURL": the client's request to the gateway, and the converted request to the provider.
import { API_BASE } from '../../../lib/api';
import type { LogDetail } from '../types';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const DROPPED =
  /^(host|content-length|connection|accept-encoding|transfer-encoding|cf-.*|x-forwarded-.*|x-real-ip|cdn-loop|x-gateway-.*)$/i;
const SECRET = /^(authorization|x-api-key|api-key|x-goog-api-key|cookie|proxy-authorization)$/i;

function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

function command(url: string, headers: [string, string][], body: unknown): string {
  const lines = [`curl -X POST ${quote(url)}`];
  for (const [k, v] of headers) lines.push(`  -H ${quote(`${k}: ${v}`)}`);
  if (body !== null && body !== undefined) lines.push(`  --data-raw ${quote(bodyText(body))}`);
  return lines.join(' \\\n');
}

/** The client's call to the gateway; the masked key is replaced by `$GATEWAY_API_KEY`. */
export function clientCurl(log: LogDetail): string {
  const origin = API_BASE || window.location.origin;
  const url = log.request_url ?? `${origin}${log.request_path ?? '/v1/chat/completions'}`;
  const headers: [string, string][] = [];
  let auth: [string, string] = ['authorization', 'Bearer $GATEWAY_API_KEY'];
  for (const [k, v] of Object.entries(log.request_headers ?? {})) {
    if (DROPPED.test(k)) continue;
    if (SECRET.test(k)) {
      if (k.toLowerCase() === 'x-api-key') auth = ['x-api-key', '$GATEWAY_API_KEY'];
      continue;
    }
    headers.push([k, v]);
  }
  if (!headers.some(([k]) => k.toLowerCase() === 'content-type'))
    headers.unshift(['content-type', 'application/json']);
  headers.push(auth);
  return command(url, headers, log.request_body);
}

/** The gateway's call to the provider (converted body, upstream URL) with a placeholder provider key. */
export function upstreamCurl(log: LogDetail): string | null {
  if (!log.upstream_url) return null;
  const anthropic = log.supplier_protocol === 'anthropic';
  const headers: [string, string][] = [['content-type', 'application/json']];
  if (anthropic) headers.push(['x-api-key', '$PROVIDER_API_KEY'], ['anthropic-version', '2023-06-01']);
  else headers.push(['authorization', 'Bearer $PROVIDER_API_KEY']);
  return command(log.upstream_url, headers, log.converted_request ?? log.request_body);
}
