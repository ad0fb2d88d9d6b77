// Owns provider writes: SSRF-checked URLs, encrypted keys bound to the provider id, secret-preserving updates.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { decryptProviderHeaders, encryptProviderHeaders, providerKeyAad } from '../config/provider-secrets';
import { bumpConfigVersion } from '../db/queries/config-version';
import { isUniqueViolation } from '../db/queries/errors';
import { type ProviderRow, providers } from '../db/schema';
import { GatewayError } from '../errors';
import { encryptSecret } from '../lib/crypto';
import { maskSecret } from '../lib/mask';
import { checkProviderUrl } from '../lib/url-guard';
import { awsCredentials } from '../protocols/bedrock/upstream';
import { parseServiceAccount } from '../protocols/vertex/service-account';
import type { ProviderCreate } from './schemas';

type Ctx = Context<AppEnv>;

function assertUrl(c: Ctx, url: string): void {
  const reason = checkProviderUrl(url, c.get('settings').ALLOW_PRIVATE_IP_PROVIDER);
  if (reason) throw new GatewayError('validation_error', reason, { param: 'base_url' });
}

/**
 * Credentials that are JSON (Bedrock access keys, a Vertex service account) are checked when saved,
 * so a typo is a 400 here rather than a failed request later; the token endpoint a service account
 * names passes the same address guard as a base URL.
 */
function assertCredential(c: Ctx, protocol: string, key: string | null | undefined): void {
  const secret = key?.trim();
  if (!secret) return;
  try {
    if (protocol.startsWith('bedrock_')) awsCredentials(secret);
    if (protocol.startsWith('vertex_')) {
      const reason = checkProviderUrl(
        parseServiceAccount(secret).token_uri,
        c.get('settings').ALLOW_PRIVATE_IP_PROVIDER,
      );
      if (reason) throw new Error(`token_uri: ${reason.replace('base_url', 'the token URL')}`);
    }
  } catch (err) {
    throw new GatewayError('validation_error', (err as Error).message, { param: 'api_key' });
  }
}

function duplicate(name: string, err: unknown): GatewayError {
  return new GatewayError('duplicate_name', `A provider named "${name}" already exists`, { cause: err });
}

/** Inserts a provider, then stores its key encrypted with the new id as associated data. */
export async function createProvider(c: Ctx, input: ProviderCreate): Promise<ProviderRow> {
  const db = c.get('db');
  assertUrl(c, input.base_url);
  assertCredential(c, input.protocol, input.api_key);
  let row: ProviderRow | undefined;
  try {
    row = await db
      .insert(providers)
      .values({
        name: input.name,
        remark: input.remark ?? null,
        baseUrl: input.base_url,
        protocol: input.protocol,
        // Written encrypted below, once the id they are bound to exists.
        extraHeaders: null,
        providerOptions: input.provider_options ?? null,
        responseTimeoutSeconds: input.response_timeout_seconds ?? 1800,
        isActive: input.is_active ?? true,
      })
      .returning()
      .get();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input.name, err);
    throw err;
  }
  const key = input.api_key?.trim();
  const secret = c.get('settings').ENCRYPTION_KEY;
  try {
    const apiKey = key ? await encryptSecret(secret, key, providerKeyAad(row.id)) : null;
    const extraHeaders = await encryptProviderHeaders(secret, row.id, input.extra_headers ?? null);
    const [updated] = await db.batch([
      db.update(providers).set({ apiKey, extraHeaders }).where(eq(providers.id, row.id)).returning(),
      bumpConfigVersion(db),
    ]);
    return updated[0] ?? row;
  } catch (err) {
    // Never leave a half-created provider without its key behind.
    await db.delete(providers).where(eq(providers.id, row.id));
    throw err;
  }
}

/**
 * Extra headers from an update, encrypted: a value still equal to the masked form of the stored one
 * keeps the stored secret (the dashboard sends back what it was shown).
 */
async function mergeHeaders(
  c: Ctx,
  current: ProviderRow,
  next: Record<string, string> | null,
): Promise<Record<string, string> | null> {
  if (!next) return null;
  const secret = c.get('settings').ENCRYPTION_KEY;
  const stored = await decryptProviderHeaders(secret, current).catch(() => ({}) as Record<string, string>);
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(next)) {
    const old = stored[k];
    merged[k] = old !== undefined && v === maskSecret(old) ? old : v;
  }
  return encryptProviderHeaders(secret, current.id, merged);
}

export async function updateProvider(
  c: Ctx,
  id: number,
  patch: Partial<ProviderCreate>,
): Promise<ProviderRow> {
  const db = c.get('db');
  const current = await db.select().from(providers).where(eq(providers.id, id)).get();
  if (!current) throw new GatewayError('provider_not_found', `Provider ${id} not found`);
  if (patch.base_url !== undefined) assertUrl(c, patch.base_url);
  if (patch.api_key !== undefined) assertCredential(c, patch.protocol ?? current.protocol, patch.api_key);
  const set: Partial<typeof providers.$inferInsert> = { updatedAt: new Date() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.remark !== undefined) set.remark = patch.remark;
  if (patch.base_url !== undefined) set.baseUrl = patch.base_url;
  if (patch.protocol !== undefined) set.protocol = patch.protocol;
  if (patch.extra_headers !== undefined)
    set.extraHeaders = await mergeHeaders(c, current, patch.extra_headers);
  if (patch.provider_options !== undefined) set.providerOptions = patch.provider_options;
  if (patch.response_timeout_seconds !== undefined)
    set.responseTimeoutSeconds = patch.response_timeout_seconds;
  if (patch.is_active !== undefined) set.isActive = patch.is_active;
  if (patch.api_key !== undefined) {
    const key = patch.api_key?.trim();
    set.apiKey = key ? await encryptSecret(c.get('settings').ENCRYPTION_KEY, key, providerKeyAad(id)) : null;
  }
  try {
    const [updated] = await db.batch([
      db.update(providers).set(set).where(eq(providers.id, id)).returning(),
      bumpConfigVersion(db),
    ]);
    const row = updated[0];
    if (!row) throw new GatewayError('provider_not_found', `Provider ${id} not found`);
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(patch.name ?? current.name, err);
    throw err;
  }
}

/** Creates each provider whose name is new; existing names are skipped, failures reported per item. */
export async function importProviders(c: Ctx, items: ProviderCreate[]) {
  const created: string[] = [];
  const skipped: string[] = [];
  const errors: { name: string; message: string }[] = [];
  for (const item of items) {
    try {
      await createProvider(c, item);
      created.push(item.name);
    } catch (err) {
      if (err instanceof GatewayError && err.code === 'duplicate_name') skipped.push(item.name);
      else errors.push({ name: item.name, message: err instanceof GatewayError ? err.message : 'failed' });
    }
  }
  return { success: created.length, created, skipped, errors };
}
