// Owns provider secrets at rest: the AAD that binds a ciphertext to its provider, and decrypting it.
import { decryptSecret } from '../lib/crypto';

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
