// Owns the config version: a single counter bumped with every configuration write.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { configVersion } from '../schema';

/** A statement that bumps the version; put it in the same db.batch as the write it announces. */
export function bumpConfigVersion(db: Db) {
  const now = Date.now();
  return db
    .insert(configVersion)
    .values({ id: 1, version: 1, updatedAt: new Date(now) })
    .onConflictDoUpdate({
      target: configVersion.id,
      set: { version: sql`${configVersion.version} + 1`, updatedAt: new Date(now) },
    });
}

/** The current version (0 before any configuration was written). */
export async function readConfigVersion(db: Db): Promise<number> {
  const row = await db.select({ v: configVersion.version }).from(configVersion).get();
  return row?.v ?? 0;
}
