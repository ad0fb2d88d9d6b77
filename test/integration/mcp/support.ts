// Connects the official MCP SDK client to the Worker's /mcp in-process, with chosen variables.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { app } from '../../../worker/app';
import { admin, unique } from '../support/http';

/** A fetch that runs the gateway app in-process with `vars` layered over the test env. */
export function gatewayFetch(vars: Record<string, string> = {}) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(input, init), { ...env, ...vars }, ctx);
    const body = await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
    return new Response(res.status === 204 ? null : body, { status: res.status, headers: res.headers });
  };
}

export async function connect(key: string, vars: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'gateway-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('http://gateway.test/mcp'), {
    fetch: gatewayFetch(vars),
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

/** A fresh gateway key, flagged for MCP unless told otherwise. */
export async function mcpKey(isMcpAdmin = true): Promise<{ id: number; value: string; name: string }> {
  const name = unique('mcp key');
  const res = await admin.post('/api-keys', { key_name: name, is_mcp_admin: isMcpAdmin });
  return { id: res.json.id as number, value: res.json.key_value as string, name };
}

/** The JSON a tool answered with. */
export function toolJson(result: unknown): Record<string, unknown> {
  const content = (result as { content: { type: string; text: string }[] }).content;
  return JSON.parse(content[0]?.text ?? 'null') as Record<string, unknown>;
}
