// Owns the MCP server's way into the admin plane: an in-process call of the very admin routes, acting as the MCP key.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { adminResources } from '../admin';
import type { AppEnv } from '../app-env';
import { GatewayError, renderError, toGatewayError } from '../errors';

export interface McpActor {
  keyId: number;
  name: string;
}

export interface AdminCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /api/admin, e.g. `/providers/3`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

interface Caller {
  parent: Context<AppEnv>;
  actor: McpActor;
}

// The dispatched Request is the key: only a request this module built can reach the unguarded routes.
const callers = new WeakMap<Request, Caller>();

const dispatcher = new Hono<AppEnv>();
dispatcher.use('*', async (c, next) => {
  const caller = callers.get(c.req.raw);
  if (!caller) throw new GatewayError('forbidden', 'Not an MCP dispatch');
  const { parent, actor } = caller;
  c.set('traceId', parent.get('traceId'));
  c.set('receivedAt', parent.get('receivedAt'));
  c.set('settings', parent.get('settings'));
  c.set('db', parent.get('db'));
  c.set('config', parent.get('config'));
  c.set('callGateway', parent.get('callGateway'));
  c.set('auditActor', { keyId: actor.keyId, name: actor.name });
  await next();
});
dispatcher.route('/api/admin', adminResources);
dispatcher.notFound((c) =>
  renderError(new GatewayError('not_found', `No admin route for ${c.req.path}`), 'admin', c.get('traceId')),
);
dispatcher.onError((err, c) => {
  const error = toGatewayError(err);
  if (error.code === 'internal_error') console.error('MCP admin call failed', err);
  return renderError(error, 'admin', c.get('traceId'));
});

function url(call: AdminCall): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(call.query ?? {}))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `http://mcp.internal/api/admin${call.path}${qs ? `?${qs}` : ''}`;
}

/**
 * Runs one admin call in-process as the MCP key: the same validation, views, config invalidation and
 * audit entry as the REST API, without an admin token (the MCP route authenticated the key itself).
 */
export async function callAdmin(
  parent: Context<AppEnv>,
  actor: McpActor,
  call: AdminCall,
): Promise<Response> {
  const init: RequestInit = { method: call.method };
  if (call.body !== undefined) {
    init.body = JSON.stringify(call.body);
    init.headers = { 'content-type': 'application/json' };
  }
  const request = new Request(url(call), init);
  callers.set(request, { parent, actor });
  return dispatcher.fetch(request, parent.env, parent.executionCtx);
}
