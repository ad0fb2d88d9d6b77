// Owns provider secrets at rest (API key, extra header values): AAD binding to the provider, encrypt, decrypt.
import { decryptSecret, encryptSecret, isEncrypted } from '../lib/crypto';
import { isSensitiveHeader } from '../lib/mask';

/** The AAD that binds a provider's encrypted key to that provider. */
export function providerKeyAad(id: number): string {
  return `provider:${id}`;
}

/** The provider's API key in clear (null when it has none); throws when it cannot be decrypted. */
export async function decryptProviderKey(
  encryptionKey: string,
  row: { id: number; apiKey: string | null },
): Promise<string | null> {
  if (!row.apiKey) return null;
  return decryptSecret(encryptionKey, row.apiKey, providerKeyAad(row.id));
}

/** The AAD of one extra header value: bound to its provider and its (lower-case) name. */
export function providerHeaderAad(id: number, name: string): string {
  return `provider:${id}:header:${name.toLowerCase()}`;
}

/** Extra headers with every value encrypted (`enc:v1:`), bound to the provider and the header name. */
export async function encryptProviderHeaders(
  encryptionKey: string,
  id: number,
  headers: Record<string, string> | null,
): Promise<Record<string, string> | null> {
  if (!headers) return null;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = await encryptSecret(encryptionKey, value, providerHeaderAad(id, name));
  }
  return out;
}

/**
 * Extra header values in clear. Values stored before they were encrypted are read as they are (the
 * scheduled sweep encrypts them); a value that cannot be decrypted throws, like an undecryptable key.
 */
export async function decryptProviderHeaders(
  encryptionKey: string,
  row: { id: number; extraHeaders: Record<string, string> | null },
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.extraHeaders ?? {})) {
    out[name] = isEncrypted(value)
      ? await decryptSecret(encryptionKey, value, providerHeaderAad(row.id, name))
      : value;
  }
  return out;
}

/** True when some extra header value is still stored in clear. */
export function hasPlainHeaders(row: { extraHeaders: Record<string, string> | null }): boolean {
  return Object.values(row.extraHeaders ?? {}).some((v) => !isEncrypted(v));
}

/**
 * The values to mask wherever they are echoed: the key, and each extra header value whose name says it
 * carries a credential (with its auth scheme stripped too, as an upstream may echo the bare token).
 */
export function secretValues(secrets: ProviderSecrets): string[] {
  const out = secrets.apiKey ? [secrets.apiKey] : [];
  for (const [name, value] of Object.entries(secrets.extraHeaders)) {
    if (!isSensitiveHeader(name)) continue;
    out.push(value);
    const token = /^\S+\s+(\S{8,})$/.exec(value.trim())?.[1];
    if (token) out.push(token);
  }
  return out;
}

/** A provider's secrets in clear, as the proxy uses them. */
export interface ProviderSecrets {
  apiKey: string | null;
  extraHeaders: Record<string, string>;
}

/**
 * Decrypts a provider's key and header values. What cannot be decrypted with the current
 * ENCRYPTION_KEY is left out and reported, so one bad row never stops the others from loading.
 */
export async function decryptProviderSecrets(
  encryptionKey: string,
  row: { id: number; apiKey: string | null; extraHeaders: Record<string, string> | null },
): Promise<ProviderSecrets> {
  let apiKey: string | null = null;
  let extraHeaders: Record<string, string> = {};
  try {
    apiKey = await decryptProviderKey(encryptionKey, row);
  } catch (err) {
    console.error(`provider ${row.id}: its API key cannot be decrypted with the current ENCRYPTION_KEY`, err);
  }
  try {
    extraHeaders = await decryptProviderHeaders(encryptionKey, row);
  } catch (err) {
    console.error(
      `provider ${row.id}: its extra headers cannot be decrypted with the current ENCRYPTION_KEY`,
      err,
    );
  }
  return { apiKey, extraHeaders };
}
