// Owns admin authentication: password check (PBKDF2, constant time), signed expiring tokens, the guard.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Settings } from '../env';
import { GatewayError } from '../errors';
import { type GuardEnv, isRevoked } from '../guard/client';
import { hmacBase64Url, pbkdf2Hex, randomHex, sha256Hex, timingSafeEqualText } from '../lib/crypto';
import { fromBase64, toBase64Url, utf8 } from '../lib/encoding';

interface TokenPayload {
  v: 1;
  sub: string;
  iat: number;
  exp: number;
  nonce: string;
}

/** Admin credentials when auth is on: the password alone turns it on, the username defaults to `admin`. */
export function adminCredentials(config: Settings): { username: string; password: string } | null {
  if (!config.ADMIN_PASSWORD) return null;
  return { username: config.ADMIN_USERNAME ?? 'admin', password: config.ADMIN_PASSWORD };
}

async function signingKey(config: Settings, creds: { username: string; password: string }): Promise<string> {
  // Bound to the password: changing it revokes every token already issued.
  return sha256Hex(`admin-token\0${creds.username}\0${creds.password}\0${config.ENCRYPTION_KEY}`);
}

/** Resolved hashes only: a promise from another request's context must not be awaited here. */
const expectedHashes = new Map<string, string>();

/** Checks a login in constant time by comparing PBKDF2 hashes, never the plaintext. */
export async function verifyLogin(config: Settings, username: string, password: string): Promise<boolean> {
  const creds = adminCredentials(config);
  if (!creds) return false;
  const salt = await sha256Hex(`admin-salt\0${creds.username}\0${config.ENCRYPTION_KEY}`);
  const cacheKey = `${salt}\0${creds.password}`;
  let expected = expectedHashes.get(cacheKey);
  if (!expected) {
    expected = await pbkdf2Hex(creds.password, salt);
    expectedHashes.set(cacheKey, expected);
  }
  const given = await pbkdf2Hex(password, salt);
  const userOk = timingSafeEqualText(username, creds.username);
  const passOk = timingSafeEqualText(given, expected);
  return userOk && passOk;
}

export async function issueToken(config: Settings): Promise<{ token: string; expiresIn: number }> {
  const creds = adminCredentials(config);
  if (!creds) throw new GatewayError('invalid_request', 'Admin authentication is not enabled');
  const now = Math.floor(Date.now() / 1000);
  const payload: TokenPayload = {
    v: 1,
    sub: creds.username,
    iat: now,
    exp: now + config.ADMIN_TOKEN_TTL_SECONDS,
    // The token's id: logout revokes it by this.
    nonce: randomHex(16),
  };
  const body = toBase64Url(utf8(JSON.stringify(payload)));
  const sig = await hmacBase64Url(await signingKey(config, creds), body);
  return { token: `${body}.${sig}`, expiresIn: config.ADMIN_TOKEN_TTL_SECONDS };
}

/** What a valid token says: who, its id (for revocation) and when it expires (epoch ms). */
export interface AdminToken {
  sub: string;
  id: string;
  expiresAt: number;
}

/** Returns the token's claims when it is authentic and unexpired (revocation is checked separately), else null. */
export async function verifyToken(config: Settings, token: string): Promise<AdminToken | null> {
  const creds = adminCredentials(config);
  if (!creds) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = await hmacBase64Url(await signingKey(config, creds), body);
  if (!timingSafeEqualText(sig, expected)) return null;
  let payload: TokenPayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(fromBase64(body))) as TokenPayload;
  } catch {
    return null;
  }
  if (payload.v !== 1 || payload.sub !== creds.username || typeof payload.nonce !== 'string') return null;
  if (!(Date.now() / 1000 < payload.exp)) return null;
  return { sub: payload.sub, id: payload.nonce, expiresAt: payload.exp * 1000 };
}

/** The token's claims when it is valid and not revoked (logout), else null. */
export async function activeToken(
  config: Settings,
  env: GuardEnv,
  token: string | null,
): Promise<AdminToken | null> {
  const claims = token ? await verifyToken(config, token) : null;
  if (!claims) return null;
  return (await isRevoked(env, claims.id)) ? null : claims;
}

/** The admin token presented on a request: `Authorization: Bearer` or `x-admin-token`. */
export function presentedToken(header: (name: string) => string | undefined): string | null {
  const auth = header('authorization');
  if (auth) return auth.replace(/^Bearer\s+/i, '').trim() || null;
  return header('x-admin-token')?.trim() || null;
}

/** Guards the admin API: open only when auth is explicitly disabled, else a valid token is required. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    const config = c.get('settings');
    if (!adminCredentials(config)) {
      if (config.ADMIN_AUTH_DISABLED) return next();
      throw new GatewayError(
        'admin_auth_not_configured',
        'The admin API is locked: set the ADMIN_PASSWORD (and optionally ADMIN_USERNAME) secrets with `wrangler secret put`, or set ADMIN_AUTH_DISABLED=true for local development only.',
      );
    }
    const token = presentedToken((n) => c.req.header(n));
    const claims = await activeToken(config, c.env, token);
    if (!claims) {
      throw new GatewayError('not_authenticated', token ? 'Invalid or expired token' : 'Not authenticated', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    c.set('adminUser', claims.sub);
    return next();
  };
}
