// Owns Google service-account keys: reading the JSON and signing the RS256 JWT assertion that buys an access token.
import { z } from 'zod';
import { fromBase64, toBase64Url, utf8 } from '../../lib/encoding';

const schema = z.object({
  type: z.literal('service_account').optional(),
  client_email: z.string().min(3),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  project_id: z.string().optional(),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});

export type ServiceAccount = z.output<typeof schema>;

/** The scope Vertex AI calls need. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Parses the service-account JSON key; throws an Error naming what is missing (never the key itself). */
export function parseServiceAccount(secret: string | null): ServiceAccount {
  let json: unknown;
  try {
    json = JSON.parse(secret ?? '');
  } catch {
    throw new Error('the Vertex credential must be a service-account JSON key');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`the service-account JSON key is missing or has invalid: ${fields}`);
  }
  return parsed.data;
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  return fromBase64(body);
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The RSA key of a service account, imported once per isolate. */
function signingKey(sa: ServiceAccount): Promise<CryptoKey> {
  const id = `${sa.client_email}\n${sa.private_key_id ?? ''}\n${sa.private_key.length}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey(
      'pkcs8',
      pemToDer(sa.private_key),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    if (keys.size > 100) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/** The signed JWT a token endpoint exchanges for an access token (valid one hour from `nowSeconds`). */
export async function signedAssertion(sa: ServiceAccount, nowSeconds: number): Promise<string> {
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (sa.private_key_id) header.kid = sa.private_key_id;
  const claims = {
    iss: sa.client_email,
    sub: sa.client_email,
    aud: sa.token_uri,
    scope: CLOUD_PLATFORM_SCOPE,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  };
  const input = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(claims)))}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', await signingKey(sa), utf8(input));
  return `${input}.${toBase64Url(new Uint8Array(signature))}`;
}
