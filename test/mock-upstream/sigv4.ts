// Verifies AWS Signature Version 4 the way AWS does, so a gateway that signs wrongly gets Bedrock's 403.
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The one access key pair the mock's Bedrock accepts (tests hand it to the gateway). */
export const MOCK_AWS_ACCESS_KEY_ID = 'AKIAMOCKGATEWAYTEST1';
export const MOCK_AWS_SECRET_ACCESS_KEY = 'mockGatewaySecretKey/For+SigV4/Tests0000';
const SECRETS = new Map([[MOCK_AWS_ACCESS_KEY_ID, MOCK_AWS_SECRET_ACCESS_KEY]]);

export interface SignedRequest {
  method: string;
  /** Path and query exactly as sent (`req.url`). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

function rfc3986(text: string): string {
  return text.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical URI of a non-S3 service: the path as sent, URI-encoded once more, slashes kept. */
function canonicalUri(path: string): string {
  return rfc3986(encodeURIComponent(path.replace(/\/+/g, '/')).replace(/%2F/g, '/'));
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=');
      const enc = (s: string) => rfc3986(encodeURIComponent(decodeURIComponent(s.replace(/\+/g, ' '))));
      return [enc(k), enc(v)] as const;
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

/** The signature AWS computes for a request, given the signer's scope and signed header list. */
export function expectedSignature(
  req: SignedRequest,
  secret: string,
  scope: { date: string; region: string; service: string },
  signedHeaders: string[],
  amzDate: string,
): string {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? '' : req.url.slice(q + 1);
  const payload = headerValue(req.headers, 'x-amz-content-sha256') || sha256(req.body);
  const canonical = [
    req.method,
    canonicalUri(path),
    canonicalQuery(query),
    signedHeaders.map((h) => `${h}:${headerValue(req.headers, h)}\n`).join(''),
    signedHeaders.join(';'),
    payload,
  ].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256(canonical)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${secret}`, scope.date), scope.region), scope.service),
    'aws4_request',
  );
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** Why a SigV4 request is refused, or null when its signature is right (and recent). */
export function verifySigV4(req: SignedRequest, service: string, now = Date.now()): string | null {
  const auth = headerValue(req.headers, 'authorization');
  const match = AUTH.exec(auth);
  if (!match)
    return 'Authorization header requires a valid AWS4-HMAC-SHA256 Credential, SignedHeaders and Signature.';
  const [, keyId = '', date = '', region = '', signedService = '', headerList = '', signature = ''] = match;
  const secret = SECRETS.get(keyId);
  if (!secret) return 'The security token included in the request is invalid.';
  if (signedService !== service) return `Credential should be scoped to correct service: '${service}'.`;
  const amzDate = headerValue(req.headers, 'x-amz-date');
  const at = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (!Number.isFinite(at) || Math.abs(now - at) > 15 * 60_000)
    return 'Signature expired or X-Amz-Date missing.';
  const signed = headerList.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date'))
    return 'host and x-amz-date must be signed.';
  const expected = expectedSignature(req, secret, { date, region, service: signedService }, signed, amzDate);
  return expected === signature
    ? null
    : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
}
