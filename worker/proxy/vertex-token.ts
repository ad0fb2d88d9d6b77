// Owns Vertex AI access tokens: one JWT exchange per service account, cached in the isolate until shortly before expiry.
import { checkUpstreamUrl } from '../lib/url-guard';
import { parseServiceAccount, signedAssertion } from '../protocols/vertex/service-account';

interface CachedToken {
  token: string;
  /** Epoch ms after which the token is not used any more. */
  refreshAt: number;
}

const tokens = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();
/** Tokens are refreshed this long before Google says they expire. */
const MARGIN_MS = 60_000;

async function exchange(secret: string, allowPrivate: boolean): Promise<CachedToken> {
  const sa = parseServiceAccount(secret);
  // The token URI comes from the key file: it is held to the same address guard as a base URL.
  const refused = checkUpstreamUrl(sa.token_uri, allowPrivate);
  if (refused) throw new Error(`the service account's token_uri is refused: ${refused}`);
  const assertion = await signedAssertion(sa, Math.floor(Date.now() / 1000));
  const res = await fetch(sa.token_uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    redirect: 'manual',
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: unknown;
    expires_in?: unknown;
    error_description?: unknown;
  };
  if (!res.ok) {
    // Google's description says what was wrong with the assertion; it never holds the key.
    const why = typeof body.error_description === 'string' ? `: ${body.error_description.slice(0, 200)}` : '';
    throw new Error(`the Vertex token exchange answered ${res.status}${why}`);
  }
  if (typeof body.access_token !== 'string')
    throw new Error('the Vertex token exchange returned no access_token');
  const lifetime = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
  return { token: body.access_token, refreshAt: Date.now() + Math.max(0, lifetime - MARGIN_MS) };
}

/**
 * An access token for the service account in `secret`: cached per isolate until shortly before it
 * expires, and concurrent requests of a cold isolate share one exchange.
 */
export async function vertexAccessToken(secret: string | null, allowPrivate: boolean): Promise<string> {
  const key = secret ?? '';
  const cached = tokens.get(key);
  if (cached && cached.refreshAt > Date.now()) return cached.token;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = exchange(key, allowPrivate).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const fresh = await pending;
  if (tokens.size > 100) tokens.clear();
  tokens.set(key, fresh);
  return fresh.token;
}
