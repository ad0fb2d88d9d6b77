// Owns the gateway's cryptography: secret encryption at rest, key hashing, HMAC tokens, password checks.
import { fromBase64, toBase64Url, toHex, utf8 } from './encoding';

const ENC_PREFIX = 'enc:v1:';
/** Imported keys, not import promises: a promise from another request's context must not be awaited. */
const aesKeys = new Map<string, CryptoKey>();

async function aesKey(secret: string): Promise<CryptoKey> {
  const known = aesKeys.get(secret);
  if (known) return known;
  const raw = fromBase64(secret);
  if (raw.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64 encoded');
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  aesKeys.set(secret, key);
  return key;
}

/** AES-256-GCM with a random 96-bit IV; `aad` binds the ciphertext to its owner (e.g. the provider id). */
export async function encryptSecret(secret: string, plaintext: string, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(aad) },
    await aesKey(secret),
    utf8(plaintext),
  );
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv, 0);
  out.set(new Uint8Array(ct), 12);
  return ENC_PREFIX + toBase64Url(out);
}

/** True when a stored value is one of encryptSecret's ciphertexts. */
export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENC_PREFIX);
}

/** Reverses encryptSecret; throws when the key, the AAD or the ciphertext does not match. */
export async function decryptSecret(secret: string, stored: string, aad: string): Promise<string> {
  if (!stored.startsWith(ENC_PREFIX)) throw new Error('stored secret is not encrypted');
  const bytes = fromBase64(stored.slice(ENC_PREFIX.length));
  const pt = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: utf8(aad) },
    await aesKey(secret),
    bytes.subarray(12),
  );
  return new TextDecoder().decode(pt);
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}

/** Constant-time comparison of two strings (length is not secret). */
export function timingSafeEqualText(a: string, b: string): boolean {
  const x = utf8(a);
  const y = utf8(b);
  if (x.byteLength !== y.byteLength) {
    // Still spend the comparison so timing does not reveal where the mismatch is.
    crypto.subtle.timingSafeEqual(x, x);
    return false;
  }
  return crypto.subtle.timingSafeEqual(x, y);
}

export function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function hmacBase64Url(secret: string, message: string): Promise<string> {
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret), utf8(message));
  return toBase64Url(new Uint8Array(sig));
}

/** PBKDF2 iterations; Workers caps one deriveBits call at 100,000 in production. */
export const PBKDF2_ITERATIONS = 100_000;

/** PBKDF2-SHA256 of a password, hex; used so the admin password is only ever compared as a hash. */
export async function pbkdf2Hex(
  password: string,
  salt: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: utf8(salt), iterations },
    base,
    256,
  );
  return toHex(new Uint8Array(bits));
}
