// Tests the service-account JWT: RS256 over header and claims, verifiable with the account's public key.
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../../worker/lib/encoding';
import { parseServiceAccount, signedAssertion } from '../../../../worker/protocols/vertex/service-account';

async function keyPair() {
  const pair = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer);
  const pem = `-----BEGIN PRIVATE KEY-----\n${toBase64(pkcs8).replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return { pem, publicKey: pair.publicKey };
}

describe('service-account assertions', () => {
  it('signs an RS256 JWT for the token endpoint that the public key verifies', async () => {
    const { pem, publicKey } = await keyPair();
    const sa = parseServiceAccount(
      JSON.stringify({
        type: 'service_account',
        client_email: 'svc@p.iam.gserviceaccount.com',
        private_key: pem,
        private_key_id: 'k1',
      }),
    );
    const jwt = await signedAssertion(sa, 1_700_000_000);
    const [h, c, s] = jwt.split('.') as [string, string, string];
    const json = (part: string) =>
      JSON.parse(new TextDecoder().decode(fromBase64(part))) as Record<string, unknown>;
    expect(json(h)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    expect(json(c)).toEqual({
      iss: 'svc@p.iam.gserviceaccount.com',
      sub: 'svc@p.iam.gserviceaccount.com',
      aud: 'https://oauth2.googleapis.com/token',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    const ok = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      publicKey,
      fromBase64(s),
      new TextEncoder().encode(`${h}.${c}`),
    );
    expect(ok).toBe(true);
  });

  it('names what is missing from a bad key, never echoing the key', () => {
    expect(() => parseServiceAccount('{"client_email":"x@y"}')).toThrow(/private_key/);
    expect(() => parseServiceAccount('sk-not-json')).toThrow(/service-account JSON key/);
    expect(() => parseServiceAccount('sk-not-json')).not.toThrow(/sk-not-json/);
  });
});
