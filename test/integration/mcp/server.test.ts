import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { admin, unique } from '../support/http';
import { connect, gatewayFetch, mcpKey, toolJson } from './support';

const WRITES = { MCP_ALLOW_WRITE: 'true' };

async function auditRows(keyId: number) {
  const { results } = await env.DB.prepare(
    'select action, status, actor_type, actor, before, after from audit_log where actor_key_id = ? order by id',
  )
    .bind(keyId)
    .all<{
      action: string;
      status: number;
      actor_type: string;
      before: string | null;
      after: string | null;
    }>();
  return results;
}

describe('MCP server at /mcp', () => {
  it('lists the read and write tools and answers whoami', async () => {
    const key = await mcpKey();
    const client = await connect(key.value);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const n of [
      'whoami',
      'list_providers',
      'get_request_log',
      'get_api_key_usage',
      'create_provider',
      'cancel_request',
      'purge_model_cache',
      'purge_api_key_cache',
    ]) {
      expect(names).toContain(n);
    }
    expect(tools.find((t) => t.name === 'create_api_key')?.description).toMatch(/disabled/);
    const me = toolJson(await client.callTool({ name: 'whoami', arguments: {} }));
    expect(me).toMatchObject({ key_id: key.id, key_name: key.name, write_enabled: false });
    await client.close();
  });

  it('reads through the admin plane with secrets redacted, and records each call', async () => {
    const name = unique('mcp-read');
    const created = await admin.post('/providers', {
      name,
      base_url: 'http://127.0.0.1:9/v1',
      protocol: 'openai',
      api_key: 'sk-mcp-visible-nowhere-1234',
      extra_headers: { 'x-org': 'org-secret-value' },
    });
    const key = await mcpKey();
    const client = await connect(key.value);
    const result = await client.callTool({ name: 'get_provider', arguments: { id: created.json.id } });
    const text = JSON.stringify(result);
    expect(toolJson(result)).toMatchObject({
      name,
      api_key: '[redacted]',
      extra_headers: { 'x-org': '[redacted]' },
    });
    expect(text).not.toContain('sk-mcp');
    expect(text).not.toContain('org-secret-value');
    const list = toolJson(await client.callTool({ name: 'list_providers', arguments: { name } }));
    expect(list.total).toBe(1);
    const rows = await auditRows(key.id);
    expect(rows.map((r) => r.action)).toEqual(['mcp.get_provider', 'mcp.list_providers']);
    expect(rows[0]).toMatchObject({ status: 200, actor_type: 'mcp' });
    await client.close();
  });

  it('refuses write tools while MCP_ALLOW_WRITE is off, and records the refusal', async () => {
    const key = await mcpKey();
    const client = await connect(key.value);
    const name = unique('refused');
    const result = await client.callTool({ name: 'create_model', arguments: { requested_model: name } });
    expect(result.isError).toBe(true);
    expect(toolJson(result)).toMatchObject({ error: { code: 'mcp_write_disabled' } });
    expect((await admin.get(`/models/${name}`)).status).toBe(404);
    expect(await auditRows(key.id)).toMatchObject([{ action: 'mcp.create_model', status: 403 }]);
    await client.close();
  });

  it('writes with MCP_ALLOW_WRITE: the change is audited with the key as actor, is_mcp_admin is never granted', async () => {
    const key = await mcpKey();
    const client = await connect(key.value, WRITES);
    const model = unique('mcp-made');
    const made = await client.callTool({
      name: 'create_model',
      arguments: { requested_model: model, strategy: 'priority' },
    });
    expect(made.isError).toBeFalsy();
    expect((await admin.get(`/models/${model}`)).json).toMatchObject({ strategy: 'priority' });

    const created = await client.callTool({
      name: 'create_api_key',
      arguments: { key_name: unique('via mcp'), is_mcp_admin: true },
    });
    const answer = toolJson(created) as {
      warning: string;
      result: { id: number; key_value: string; is_mcp_admin: boolean };
    };
    expect(answer.warning).toMatch(/is_mcp_admin was ignored/);
    expect(answer.result.key_value).toMatch(/^lgw-[0-9a-f]{32}$/);
    expect(answer.result.is_mcp_admin).toBe(false);
    const upgraded = await client.callTool({
      name: 'update_api_key',
      arguments: { id: answer.result.id, is_mcp_admin: true },
    });
    expect(toolJson(upgraded)).toMatchObject({ result: { is_mcp_admin: false } });
    expect((await admin.get(`/api-keys/${answer.result.id}`)).json.is_mcp_admin).toBe(false);

    const missing = await client.callTool({
      name: 'update_model',
      arguments: { name: `${model}-gone`, strategy: 'priority' },
    });
    expect(missing.isError).toBe(true);
    expect(toolJson(missing)).toMatchObject({ error: { code: 'model_not_found' } });
    // Arguments that fail the tool's schema never reach the admin plane: the SDK answers with the reason.
    const invalid = await client.callTool({
      name: 'update_model',
      arguments: { name: model, strategy: 'nope' },
    });
    expect(invalid.isError).toBe(true);
    expect(JSON.stringify(invalid)).toMatch(/strategy/);

    const rows = await auditRows(key.id);
    expect(rows.map((r) => r.action)).toEqual([
      'model.create',
      'api_key.create',
      'api_key.update',
      'mcp.update_model',
    ]);
    expect(rows.every((r) => r.actor_type === 'mcp')).toBe(true);
    expect(JSON.parse(rows[0]?.after ?? '{}')).toMatchObject({
      requested_model: model,
      strategy: 'priority',
    });
    expect(rows[3]).toMatchObject({ status: 404 });
    expect(JSON.stringify(rows)).not.toContain(answer.result.key_value);
    await client.close();
  });

  it("reads a key's limit usage and purges caches, each purge audited", async () => {
    const key = await mcpKey();
    const client = await connect(key.value, WRITES);
    const limited = await admin.post('/api-keys', { key_name: unique('mcp limited'), rpm_limit: 60 });
    const usage = toolJson(
      await client.callTool({ name: 'get_api_key_usage', arguments: { id: limited.json.id } }),
    );
    expect(usage).toMatchObject({ rpm_limit: 60, requests_this_minute: 0, budget_usd: null });
    const model = unique('mcp-cached');
    expect((await admin.post('/models', { requested_model: model, cache_ttl_seconds: 60 })).status).toBe(201);
    const purged = toolJson(await client.callTool({ name: 'purge_model_cache', arguments: { name: model } }));
    expect(purged).toMatchObject({ requested_model: model, purged: true, cache_generation: 1 });
    const keyPurge = await client.callTool({
      name: 'purge_api_key_cache',
      arguments: { id: limited.json.id },
    });
    expect(keyPurge.isError).toBeFalsy();
    const actions = (await auditRows(key.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['model.cache_purge', 'api_key.cache_purge']));
    await client.close();
  });

  it('refuses keys without the flag, disabled keys and missing keys, and records refusals of known keys', async () => {
    const plain = await mcpKey(false);
    const fetcher = gatewayFetch();
    const init = (key?: string): RequestInit => ({
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    const refused = await fetcher('http://gateway.test/mcp', init(plain.value));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await fetcher('http://gateway.test/mcp', init())).status).toBe(401);
    expect(
      (await fetcher('http://gateway.test/mcp', init('lgw-not-a-real-key-000000000000000'))).status,
    ).toBe(401);
    const disabled = await mcpKey();
    await admin.put(`/api-keys/${disabled.id}`, { is_active: false });
    expect((await fetcher('http://gateway.test/mcp', init(disabled.value))).status).toBe(401);
    expect(await auditRows(plain.id)).toMatchObject([{ action: 'mcp.auth_refused', status: 403 }]);
    expect(await auditRows(disabled.id)).toMatchObject([{ action: 'mcp.auth_refused', status: 401 }]);
    expect((await fetcher('http://gateway.test/mcp', { method: 'GET' })).status).toBe(405);
  });
});
