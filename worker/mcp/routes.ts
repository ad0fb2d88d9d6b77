// Owns /mcp: stateless Streamable HTTP (JSON answers), authenticated by an is_mcp_admin gateway key.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { authenticateMcp } from './auth';
import { buildMcpServer } from './server';

export const mcpApp = new Hono<AppEnv>();

mcpApp.post('/', async (c) => {
  const actor = await authenticateMcp(c);
  const server = buildMcpServer(c, actor);
  // Stateless: no session id, a new transport per request, plain JSON instead of an SSE stream.
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(c.req.raw);
  } finally {
    c.executionCtx.waitUntil(server.close());
  }
});

// A stateless server has no stream to resume and no session to end (clients treat 405 as "not offered").
mcpApp.on(['GET', 'DELETE', 'PUT', 'PATCH'], '/', () => {
  throw new GatewayError('method_not_allowed', 'This MCP server is stateless: use POST');
});
