// Owns who may call /mcp: an active, unexpired gateway key flagged is_mcp_admin; every refusal is audit-logged.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { writeAudit } from '../admin/audit';
import type { AppEnv } from '../app-env';
import { apiKeys } from '../db/schema';
import { GatewayError } from '../errors';
import { sha256Hex, timingSafeEqualText } from '../lib/crypto';
import { presentedKey } from '../middleware/gateway-auth';
import type { McpActor } from './dispatch';

// Refusals of unknown keys are recorded, but a spray of bad keys must not turn into a spray of D1 writes.
const UNKNOWN_PER_MINUTE = 20;
let unknownWindow = { minute: 0, count: 0 };

function mayRecordUnknown(now = Date.now()): boolean {
  const minute = Math.floor(now / 60_000);
  if (unknownWindow.minute !== minute) unknownWindow = { minute, count: 0 };
  unknownWindow.count++;
  return unknownWindow.count <= UNKNOWN_PER_MINUTE;
}

async function refuse(
  c: Context<AppEnv>,
  actor: { name: string; keyId: number | null },
  error: GatewayError,
): Promise<never> {
  if (actor.keyId !== null || mayRecordUnknown()) {
    const deps = {
      db: c.get('db'),
      encryptionKey: c.get('settings').ENCRYPTION_KEY,
      traceId: c.get('traceId'),
    };
    await writeAudit(
      deps,
      { type: 'mcp', ...actor },
      { action: 'mcp.auth_refused', status: error.status, after: { reason: error.message } },
    );
  }
  throw error;
}

/**
 * The MCP caller. The key is read from D1 on every call (not the routing cache), so revoking the flag
 * or the key takes effect at once.
 */
export async function authenticateMcp(c: Context<AppEnv>): Promise<McpActor> {
  const presented = presentedKey(c.req.raw.headers);
  const unknown = { name: 'unknown key', keyId: null };
  if (!presented) {
    return refuse(
      c,
      unknown,
      new GatewayError(
        'not_authenticated',
        'A gateway key flagged is_mcp_admin is required (x-api-key or Authorization: Bearer)',
        { headers: { 'www-authenticate': 'Bearer' } },
      ),
    );
  }
  const hash = await sha256Hex(presented);
  const row = await c.get('db').select().from(apiKeys).where(eq(apiKeys.keyHash, hash)).get();
  if (!row || !timingSafeEqualText(row.keyHash, hash)) {
    return refuse(
      c,
      unknown,
      new GatewayError('invalid_api_key', 'Invalid API key', { headers: { 'www-authenticate': 'Bearer' } }),
    );
  }
  const actor = { name: row.keyName, keyId: row.id };
  if (!row.isActive) return refuse(c, actor, new GatewayError('api_key_disabled', 'API key is disabled'));
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
    return refuse(c, actor, new GatewayError('api_key_expired', 'API key has expired'));
  }
  if (!row.isMcpAdmin) {
    return refuse(
      c,
      actor,
      new GatewayError(
        'forbidden',
        'This key may not use the MCP server: set is_mcp_admin on it in the admin API or dashboard',
      ),
    );
  }
  return actor;
}
