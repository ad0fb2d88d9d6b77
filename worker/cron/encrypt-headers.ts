// Owns the one-time upgrade of provider extra headers stored in clear (before they were encrypted at rest).
import { eq, isNotNull } from 'drizzle-orm';
import { decryptProviderHeaders, encryptProviderHeaders, hasPlainHeaders } from '../config/provider-secrets';
import { createDb } from '../db/client';
import { bumpConfigVersion } from '../db/queries/config-version';
import { providers } from '../db/schema';

/** Encrypts every extra header value still stored in clear; returns how many providers it rewrote. */
export async function encryptPlainHeaders(d1: D1Database, encryptionKey: string): Promise<number> {
  const db = createDb(d1);
  const rows = await db
    .select({ id: providers.id, extraHeaders: providers.extraHeaders })
    .from(providers)
    .where(isNotNull(providers.extraHeaders));
  const stale = rows.filter(hasPlainHeaders);
  if (stale.length === 0) return 0;
  const updates = [];
  for (const row of stale) {
    const clear = await decryptProviderHeaders(encryptionKey, row);
    const extraHeaders = await encryptProviderHeaders(encryptionKey, row.id, clear);
    updates.push(db.update(providers).set({ extraHeaders }).where(eq(providers.id, row.id)));
  }
  await db.batch([bumpConfigVersion(db), ...updates]);
  return stale.length;
}
