// Google Vertex AI: the OAuth token exchange for a service-account JWT (verified with its public key), and Claude's rawPredict.
import { generateKeyPairSync, verify } from 'node:crypto';
import { messageJson, streamFrames } from './anthropic-messages.ts';
import { cacheUsage, readConversation } from './anthropic-request.ts';
import { UpstreamError } from './errors.ts';
import { planReply } from './plan.ts';
import type { MockRequest, Reply, Route } from './types.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_ID = 'mock-vertex-key-1';
const CLIENT_EMAIL = 'gateway-test@mock-project.iam.gserviceaccount.com';
const issued = new Set<string>();
let tokenCount = 0;

/** A service-account JSON key whose token endpoint is this mock (the provider path names the provider). */
export function serviceAccountJson(origin: string, provider: string): string {
  return JSON.stringify({
    type: 'service_account',
    project_id: 'mock-project',
    private_key_id: KEY_ID,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: CLIENT_EMAIL,
    client_id: '100000000000000000001',
    token_uri: `${origin}/p/${encodeURIComponent(provider)}/token`,
  });
}

function fromB64Url(part: string): Buffer {
  return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Why a JWT assertion is refused, or null: RS256 signed by the service account's key, for this endpoint. */
function verifyAssertion(jwt: string, audiencePath: string): string | null {
  const [h = '', c = '', s = ''] = jwt.split('.');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(fromB64Url(h).toString()) as Record<string, unknown>;
    claims = JSON.parse(fromB64Url(c).toString()) as Record<string, unknown>;
  } catch {
    return 'Invalid JWT: not three base64url JSON parts.';
  }
  if (header.alg !== 'RS256') return `Invalid JWT: alg ${String(header.alg)} is not RS256.`;
  if (header.kid !== undefined && header.kid !== KEY_ID) return 'Invalid JWT Signature.';
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${c}`), publicKey, fromB64Url(s));
  if (!ok) return 'Invalid JWT Signature.';
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== CLIENT_EMAIL) return 'Invalid JWT: iss is not the service account.';
  if (typeof claims.aud !== 'string' || !claims.aud.endsWith(audiencePath))
    return 'Invalid JWT: aud is not the token endpoint.';
  if (
    !String(claims.scope ?? '')
      .split(' ')
      .includes('https://www.googleapis.com/auth/cloud-platform')
  )
    return 'Invalid JWT: missing the cloud-platform scope.';
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!(iat <= now + 60 && exp > now && exp - iat <= 3600))
    return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.';
  return null;
}

/** POST /p/<name>/token: the jwt-bearer grant Google's OAuth endpoint serves. */
export function tokenReply(req: MockRequest): Reply {
  const form = new URLSearchParams(req.raw.toString('utf8'));
  const error = (description: string) => ({
    kind: 'json' as const,
    status: 400,
    body: JSON.stringify({ error: 'invalid_grant', error_description: description }),
  });
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
    return error('Invalid grant_type.');
  const reason = verifyAssertion(form.get('assertion') ?? '', req.path);
  if (reason) return error(reason);
  const token = `ya29.mock-vertex-${++tokenCount}`;
  issued.add(token);
  return {
    kind: 'json',
    status: 200,
    body: JSON.stringify({ access_token: token, expires_in: 3599, token_type: 'Bearer' }),
  };
}

/** Vertex answers a missing or unknown token with 401 UNAUTHENTICATED. */
export function requireVertexToken(req: MockRequest): void {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token || !issued.has(token)) {
    throw new UpstreamError(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      'UNAUTHENTICATED',
    );
  }
}

/** `…/publishers/anthropic/models/<model>:rawPredict|streamRawPredict`. */
export function vertexAnthropicCall(
  segments: string[],
): { model: string; stream: boolean; at: number } | undefined {
  const match = /^(.+):(rawPredict|streamRawPredict)$/.exec(segments.at(-1) ?? '');
  if (!match || segments.at(-2) !== 'models' || segments.at(-3) !== 'anthropic') return undefined;
  return {
    model: decodeURIComponent(match[1] ?? ''),
    stream: match[2] === 'streamRawPredict',
    at: segments.length - 2,
  };
}

function anthropicOnVertex(stream: boolean): Route {
  return {
    path: stream ? 'vertex:streamRawPredict' : 'vertex:rawPredict',
    method: 'POST',
    protocol: 'anthropic',
    prepare(req) {
      requireVertexToken(req);
      const body = req.json ?? {};
      if (body.anthropic_version !== 'vertex-2023-10-16')
        throw new UpstreamError(
          400,
          'anthropic_version: must be "vertex-2023-10-16"',
          'invalid_request_error',
        );
      if ('model' in body)
        throw new UpstreamError(400, 'model: Extra inputs are not permitted', 'invalid_request_error');
      const model = vertexAnthropicCall(req.path.split('/').filter(Boolean))?.model ?? '';
      const conversation = readConversation({ ...req, json: { ...body, model } });
      return {
        model,
        prompt: conversation.prompt,
        run(ctx): Reply {
          const plan = planReply(conversation, ctx.settings);
          const cache = cacheUsage(req, (key) => ctx.cache.hit(key));
          if (stream) return { kind: 'sse', frames: streamFrames(model, plan, ctx, cache) };
          return { kind: 'json', status: 200, body: messageJson(model, plan, ctx, cache) };
        },
      };
    },
  };
}

export const VERTEX_ANTHROPIC_ROUTES = {
  rawPredict: anthropicOnVertex(false),
  streamRawPredict: anthropicOnVertex(true),
};

export const tokenRoute: Route = {
  path: 'token',
  method: 'POST',
  protocol: 'openai',
  prepare(req) {
    return { model: '', prompt: '', run: () => tokenReply(req) };
  },
};

/** Used by the Gemini routes: Vertex paths carry `publishers/google` and a Vertex token, not an API key. */
export function isVertexPath(path: string): boolean {
  return path.includes('/publishers/');
}
