// Owns what the audit log keeps of a resource before and after a change: its row, every secret masked.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys, modelMappingProviders, modelMappings, providers } from '../db/schema';
import { hmacBase64Url } from '../lib/crypto';

export type AuditTargetType = 'provider' | 'model' | 'model_provider' | 'api_key' | 'log';

/** The marker that stands in for a secret; a keyed fingerprint shows whether it changed. */
export const SECRET_MASK = '***';

/** Column names whose values are credentials, whatever table they appear in (new columns included). */
const SECRET_COLUMN = /(secret|password|^_?api_?key$|encrypt|credential|token$)/i;
/** Columns never kept at all, not even masked. */
const DROPPED = new Set(['keyHash']);

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}

async function fingerprint(encryptionKey: string, stored: string): Promise<string> {
  // Keyed, so a low-entropy secret cannot be guessed back from its fingerprint.
  return (await hmacBase64Url(encryptionKey, `audit-fingerprint\0${stored}`)).slice(0, 8);
}

async function masked(encryptionKey: string, stored: unknown): Promise<string | null> {
  if (stored === null || stored === undefined || stored === '') return null;
  return `${SECRET_MASK} (${await fingerprint(encryptionKey, String(stored))})`;
}

async function maskHeaderValues(encryptionKey: string, headers: unknown) {
  if (!headers || typeof headers !== 'object') return headers ?? null;
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = await masked(encryptionKey, v);
  return out;
}

/** A row as the audit keeps it: snake_case keys, ISO times, secrets masked, key hashes dropped. */
export async function auditView(encryptionKey: string, row: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (DROPPED.has(key)) continue;
    if (key === 'keyPrefix' || key === 'keySuffix') continue;
    if (/headers/i.test(key)) out[snake(key)] = await maskHeaderValues(encryptionKey, value);
    else if (SECRET_COLUMN.test(key)) out[snake(key)] = await masked(encryptionKey, value);
    else out[snake(key)] = value instanceof Date ? value.toISOString() : value;
  }
  if (typeof row.keyPrefix === 'string' && typeof row.keySuffix === 'string') {
    out.key_value = `${row.keyPrefix}****${row.keySuffix}`;
  }
  return out;
}

async function rowOf(db: Db, type: AuditTargetType, id: string): Promise<Record<string, unknown> | null> {
  const n = Number(id);
  if (type === 'model') {
    return (await db.select().from(modelMappings).where(eq(modelMappings.requestedModel, id)).get()) ?? null;
  }
  if (!Number.isInteger(n) || n <= 0) return null;
  if (type === 'provider')
    return (await db.select().from(providers).where(eq(providers.id, n)).get()) ?? null;
  if (type === 'api_key') return (await db.select().from(apiKeys).where(eq(apiKeys.id, n)).get()) ?? null;
  if (type === 'model_provider') {
    return (
      (await db.select().from(modelMappingProviders).where(eq(modelMappingProviders.id, n)).get()) ?? null
    );
  }
  return null;
}

/** The masked snapshot of one resource, or null when it does not exist (before a create, after a delete). */
export async function snapshot(db: Db, encryptionKey: string, type: AuditTargetType, id: string | null) {
  if (id === null) return null;
  const row = await rowOf(db, type, id);
  return row ? auditView(encryptionKey, row) : null;
}

/** Masks secrets anywhere in a JSON value (a response kept as `after`): the same rules as the snapshots. */
export async function maskJson(encryptionKey: string, value: unknown, depth = 0): Promise<unknown> {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => maskJson(encryptionKey, v, depth + 1)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'key_hash') continue;
    if (/headers/i.test(k)) out[k] = await maskHeaderValues(encryptionKey, v);
    else if (SECRET_COLUMN.test(k) || k === 'key_value') out[k] = await masked(encryptionKey, v);
    else out[k] = await maskJson(encryptionKey, v, depth + 1);
  }
  return out;
}
