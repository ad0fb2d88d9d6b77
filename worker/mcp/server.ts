// Owns the MCP server of one /mcp request: the tools, each call run through the admin plane, redacted and audit-logged.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker-provider.js';
import type { Context } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../admin/audit';
import { auditSpec } from '../admin/audit-actions';
import type { AppEnv } from '../app-env';
import { type AdminCall, callAdmin, type McpActor } from './dispatch';
import { READ_TOOLS } from './read-tools';
import { redact } from './redact';
import type { McpTool } from './tool-spec';
import { WRITE_TOOLS } from './write-tools';

/** Every tool the server offers; write tools are listed always and refuse while writes are off. */
export const MCP_TOOLS: McpTool[] = [...READ_TOOLS, ...WRITE_TOOLS];

function text(value: unknown, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], isError };
}

async function bodyOf(res: Response): Promise<unknown> {
  if (res.status === 204) return { ok: true };
  const raw = await res.text();
  try {
    return JSON.parse(raw);
  } catch {
    return { text: raw.slice(0, 10_000) };
  }
}

interface CallContext {
  c: Context<AppEnv>;
  actor: McpActor;
  allowWrite: boolean;
}

function audit(ctx: CallContext, action: string, status: number, after: unknown) {
  const { c, actor } = ctx;
  const deps = {
    db: c.get('db'),
    encryptionKey: c.get('settings').ENCRYPTION_KEY,
    traceId: c.get('traceId'),
  };
  return writeAudit(deps, { type: 'mcp', name: actor.name, keyId: actor.keyId }, { action, status, after });
}

async function runTool(ctx: CallContext, spec: McpTool, args: unknown): Promise<CallToolResult> {
  const action = `mcp.${spec.name}`;
  if (spec.write && !ctx.allowWrite) {
    await audit(ctx, action, 403, { refused: 'MCP_ALLOW_WRITE is off', arguments: redact(args) });
    return text(
      {
        error: { code: 'mcp_write_disabled', message: 'Write tools are disabled: set MCP_ALLOW_WRITE=true' },
      },
      true,
    );
  }
  const call: AdminCall = spec.call(args);
  const res = await callAdmin(ctx.c, ctx.actor, call);
  const body = await bodyOf(res);
  // A successful write is recorded by the admin plane itself, with its before/after; everything else here.
  if (res.status >= 400 || !auditSpec(call.method, call.path)) {
    await audit(ctx, action, res.status, { arguments: redact(args) });
  }
  const shown = redact(body, { keepKeyValue: spec.revealsKey });
  if (res.status >= 400) return text(shown, true);
  const warning = spec.warning?.(args);
  return text(warning ? { warning, result: shown } : shown);
}

/** A fresh server per request (stateless Streamable HTTP): nothing survives between calls. */
export function buildMcpServer(c: Context<AppEnv>, actor: McpActor): McpServer {
  const allowWrite = c.get('settings').MCP_ALLOW_WRITE;
  const server = new McpServer(
    { name: 'llm-gateway', version: '1.0.0' },
    {
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
      instructions: `Manage the LLM gateway: providers, models, links, keys, logs and the audit log. Write tools are ${allowWrite ? 'enabled' : 'disabled (MCP_ALLOW_WRITE is off)'}.`,
    },
  );
  const ctx = { c, actor, allowWrite };
  server.registerTool(
    'whoami',
    {
      description: 'The gateway key this session acts as, and whether write tools are enabled.',
      inputSchema: z.object({}),
    },
    async () => {
      await audit(ctx, 'mcp.whoami', 200, null);
      return text({
        key_id: actor.keyId,
        key_name: actor.name,
        is_mcp_admin: true,
        write_enabled: allowWrite,
      });
    },
  );
  for (const spec of MCP_TOOLS) {
    const description =
      spec.write && !allowWrite ? `${spec.description} (disabled: MCP_ALLOW_WRITE is off)` : spec.description;
    server.registerTool(
      spec.name,
      {
        description,
        inputSchema: spec.input,
        annotations: { readOnlyHint: !spec.write, destructiveHint: spec.write },
      },
      (args) => runTool(ctx, spec, args),
    );
  }
  return server;
}
