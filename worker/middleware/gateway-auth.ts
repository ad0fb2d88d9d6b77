// Owns gateway-key authentication on /v1: `x-api-key` first, then `Authorization: Bearer`, or an admin replay token.
import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, GatewayKey } from '../app-env';
import type { ConfigService } from '../config/cache';
import type { Db } from '../db/client';
import { type ApiKeyRow, apiKeys } from '../db/schema';
import { GatewayError } from '../errors';
import { clientIp } from '../guard/client';
import { hmacBase64Url, sha256Hex, timingSafeEqualText } from '../lib/crypto';
import { fromBase64, toBase64Url, utf8 } from '../lib/encoding';
import { keyLimitsOf } from '../limits/types';
import { slowDownFailure } from './auth-slowdown';

/** The key id of requests the dashboard itself sends (model tests): logged without an API key. */
export const DASHBOARD_KEY_ID = 0;

/** Header carrying a replay token minted by the admin log retry; it stands in for a gateway key. */
export const REPLAY_TOKEN_HEADER = 'x-gateway-replay-token';
const REPLAY_TTL_MS = 60_000;

/**
 * The key a client presented, or null: `x-api-key`, Gemini's `x-goog-api-key`, then `Authorization`.
 * A bare Authorization value (no Bearer) is accepted too.
 */
export function presentedKey(headers: Headers): string | null {
  const direct = headers.get('x-api-key')?.trim() || headers.get('x-goog-api-key')?.trim();
  if (direct) return direct;
  const auth = headers.get('authorization')?.trim();
  if (!auth) return null;
  return auth.replace(/^Bearer\s+/i, '').trim() || null;
}

// A key of its own for replay tokens, so no other HMAC made with ENCRYPTION_KEY can pass as one.
function replaySigningKey(encryptionKey: string): Promise<string> {
  return hmacBase64Url(encryptionKey, 'llm-gateway/replay-token/v1');
}

async function replaySignature(encryptionKey: string, keyId: number, exp: number, path: string) {
  return hmacBase64Url(await replaySigningKey(encryptionKey), `replay.v1\n${keyId}\n${exp}\n${path}`);
}

/**
 * Mints a token that authenticates one in-process replay as gateway key `keyId` on `path` for about a
 * minute. Gateway keys are stored only as hashes, so the admin retry cannot present the original key.
 */
export async function mintReplayToken(
  encryptionKey: string,
  keyId: number,
  path: string,
  now = Date.now(),
): Promise<string> {
  const exp = now + REPLAY_TTL_MS;
  const sig = await replaySignature(encryptionKey, keyId, exp, path);
  return `v1.${keyId}.${exp}.${toBase64Url(utf8(path))}.${sig}`;
}

/** The key id a valid, unexpired replay token names, or null. */
async function verifyReplayToken(
  encryptionKey: string,
  token: string,
  path?: string,
): Promise<number | null> {
  const [version, id, expText, pathPart, sig] = token.split('.');
  if (version !== 'v1' || !id || !expText || !pathPart || !sig) return null;
  const keyId = Number(id);
  const exp = Number(expText);
  const now = Date.now();
  if (!Number.isInteger(keyId) || keyId < 0 || !Number.isInteger(exp)) return null;
  if (exp <= now || exp - now > REPLAY_TTL_MS) return null;
  let tokenPath: string;
  try {
    tokenPath = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64(pathPart));
  } catch {
    return null;
  }
  if (path !== undefined && path !== tokenPath) return null;
  const expected = await replaySignature(encryptionKey, keyId, exp, tokenPath);
  return timingSafeEqualText(expected, sig) ? keyId : null;
}

export interface AuthDeps {
  config: ConfigService;
  db: Db;
  encryptionKey: string;
}

async function authenticateReplay(
  deps: AuthDeps,
  token: string,
  path: string | undefined,
): Promise<GatewayKey> {
  const keyId = await verifyReplayToken(deps.encryptionKey, token, path);
  if (keyId === null) throw new GatewayError('invalid_api_key', 'Invalid or expired replay token');
  if (keyId === DASHBOARD_KEY_ID)
    return {
      id: null,
      name: 'dashboard',
      recordDetails: true,
      cacheGeneration: 0,
      secret: token,
      limits: null,
    };
  // Read D1 directly: a replay must see a key disabled a moment ago, whatever the cache holds.
  const row = await deps.db.select().from(apiKeys).where(eq(apiKeys.id, keyId)).get();
  if (!row) throw new GatewayError('invalid_api_key', 'The API key of this log no longer exists');
  if (!row.isActive) throw new GatewayError('api_key_disabled', 'API key is disabled');
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
    throw new GatewayError('api_key_expired', 'API key has expired');
  }
  return keyOf(row, token);
}

const hashes = new Map<string, string>();

/** The key's SHA-256, remembered per isolate so a warm request spends no time hashing. */
async function keyHash(key: string): Promise<string> {
  const known = hashes.get(key);
  if (known) return known;
  const hash = await sha256Hex(key);
  if (hashes.size >= 1000) hashes.clear();
  hashes.set(key, hash);
  return hash;
}

/**
 * Authenticates a request; unknown, disabled and expired keys are 401s with distinct codes.
 * `path` (the request path) binds replay tokens to the path they were minted for.
 */
export async function authenticate(
  deps: AuthDeps,
  headers: Headers,
  path?: string,
  queryKey?: string,
): Promise<GatewayKey> {
  const replay = headers.get(REPLAY_TOKEN_HEADER)?.trim();
  if (replay) return authenticateReplay(deps, replay, path);
  const key = presentedKey(headers) ?? queryKey ?? null;
  if (!key)
    throw new GatewayError('invalid_api_key', 'API key is required (x-api-key or Authorization: Bearer)');
  const hash = await keyHash(key);
  let row = await deps.config.apiKey(hash);
  // A key created moments ago in another isolate: check D1 once before refusing.
  if (!row) row = await deps.config.apiKey(hash, { fresh: true });
  if (!row || !timingSafeEqualText(row.keyHash, hash))
    throw new GatewayError('invalid_api_key', 'Invalid API key');
  if (!row.isActive) throw new GatewayError('api_key_disabled', 'API key is disabled');
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
    throw new GatewayError('api_key_expired', 'API key has expired');
  }
  return keyOf(row, key);
}

function keyOf(row: ApiKeyRow, secret: string): GatewayKey {
  return {
    id: row.id,
    name: row.keyName,
    recordDetails: row.recordDetails,
    cacheGeneration: row.cacheGeneration,
    secret,
    limits: keyLimitsOf(row),
  };
}

/**
 * Authenticates a proxy request before its handler runs: sets `c.var.key`, and `c.var.routing` to the
 * config the key was checked against, so the handler reads the config without looking it up again.
 */
export function gatewayAuth(options: { queryKey?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function gatewayAuthMiddleware(c, next) {
    const config = c.get('config');
    const deps = { config, db: c.get('db'), encryptionKey: c.get('settings').ENCRYPTION_KEY };
    // Google's clients may send the key as `?key=` (the Gemini API accepts it there).
    const queryKey = options.queryKey ? c.req.query('key')?.trim() || undefined : undefined;
    try {
      c.set('key', await authenticate(deps, c.req.raw.headers, c.req.path, queryKey));
    } catch (err) {
      if (err instanceof GatewayError && err.status === 401)
        await slowDownFailure(clientIp(c.req.raw.headers));
      throw err;
    }
    c.set('routing', await config.routing());
    await next();
  };
}
