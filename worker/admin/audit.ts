// Owns recording admin calls in the audit log: the middleware for /api/admin writes and the core the MCP server shares.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/client';
import { insertAudit } from '../db/queries/audit-log';
import type { AuditActorType } from '../db/schema';
import { auditSpec } from './audit-actions';
import { type AuditTargetType, maskJson, snapshot } from './audit-snapshots';

export interface AuditActor {
  type: AuditActorType;
  name: string;
  keyId: number | null;
}

export interface AuditDeps {
  db: Db;
  encryptionKey: string;
  traceId: string;
}

export interface AuditEntry {
  action: string;
  status: number;
  targetType?: AuditTargetType | string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends an entry; a failed write is reported, never turned into a failure of the call it records. */
export async function writeAudit(deps: AuditDeps, actor: AuditActor, entry: AuditEntry): Promise<void> {
  try {
    await insertAudit(deps.db, {
      createdAt: Date.now(),
      actorType: actor.type,
      actor: actor.name.slice(0, 200),
      actorKeyId: actor.keyId,
      action: entry.action.slice(0, 200),
      targetType: entry.targetType ?? null,
      targetId: entry.targetId?.slice(0, 300) ?? null,
      status: entry.status,
      before: entry.before ?? null,
      after: entry.after ?? null,
      traceId: deps.traceId,
    });
  } catch (err) {
    console.error(`audit entry ${entry.action} by ${actor.type}:${actor.name} could not be written`, err);
  }
}

async function jsonOf(res: Response): Promise<Record<string, unknown> | null> {
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return null;
  try {
    return (await res.clone().json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export interface AuditedOptions {
  /** Record refused and failed calls too (MCP records every call); admin writes record changes only. */
  recordFailures?: boolean;
}

/**
 * Runs one admin call (`path` relative to /api/admin) and records it with masked before/after
 * snapshots of its target. Reads and simulations run unrecorded.
 */
export async function audited(
  deps: AuditDeps,
  actor: AuditActor,
  method: string,
  path: string,
  run: () => Promise<Response>,
  options: AuditedOptions = {},
): Promise<Response> {
  const spec = auditSpec(method, path);
  if (!spec) return run();
  const { targetType } = spec;
  const snapshots = targetType && targetType !== 'log';
  const before = snapshots ? await snapshot(deps.db, deps.encryptionKey, targetType, spec.targetId) : null;
  const res = await run();
  if (res.status >= 400 && !options.recordFailures) return res;
  let targetId = spec.targetId;
  let after: unknown = null;
  if (res.status < 400) {
    const body = spec.createdIdField || spec.afterFromResponse ? await jsonOf(res) : null;
    const createdId = spec.createdIdField ? body?.[spec.createdIdField] : undefined;
    if (createdId !== undefined && createdId !== null) targetId = String(createdId);
    if (snapshots) after = await snapshot(deps.db, deps.encryptionKey, targetType, targetId);
    else if (spec.afterFromResponse && body) after = await maskJson(deps.encryptionKey, body);
  }
  await writeAudit(deps, actor, {
    action: spec.action,
    status: res.status,
    targetType,
    targetId,
    before,
    after,
  });
  return res;
}

/** The actor of an admin request: the MCP key when the MCP server dispatched it, else the admin user. */
export function actorOf(vars: AppEnv['Variables']): AuditActor {
  const mcp = vars.auditActor;
  if (mcp) return { type: 'mcp', name: mcp.name, keyId: mcp.keyId };
  return { type: 'admin', name: vars.adminUser ?? 'admin (auth disabled)', keyId: null };
}

/** Records every successful write under /api/admin: who, what, when, before and after. */
export function auditAdminChanges(): MiddlewareHandler<AppEnv> {
  return async function auditMiddleware(c, next) {
    const path = c.req.path.replace(/^\/api\/admin/, '') || '/';
    if (!auditSpec(c.req.method, path)) return next();
    const deps = {
      db: c.get('db'),
      encryptionKey: c.get('settings').ENCRYPTION_KEY,
      traceId: c.get('traceId'),
    };
    await audited(deps, actorOf(c.var), c.req.method, path, async () => {
      await next();
      return c.res;
    });
  };
}
