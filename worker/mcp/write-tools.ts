// Owns the MCP write tools (MCP_ALLOW_WRITE=true only): the admin plane's creates, updates, deletes and cancel.
import { z } from 'zod';
import {
  apiKeyCreateSchema,
  apiKeyUpdateSchema,
  linkCreateSchema,
  linkUpdateSchema,
  modelCreateSchema,
  modelUpdateSchema,
  providerCreateSchema,
  providerUpdateSchema,
} from '../admin/schemas';
import { segment, tool } from './tool-spec';

const id = z.number().int().positive();
const name = z.string().min(1).max(200);
// Granting or revoking MCP access is never possible through MCP: the field is accepted and dropped.
const ignoredMcpFlag = z.unknown().optional().describe('Ignored: is_mcp_admin is never settable through MCP');
const keyCreate = apiKeyCreateSchema.omit({ is_mcp_admin: true }).extend({ is_mcp_admin: ignoredMcpFlag });
const keyUpdate = apiKeyUpdateSchema
  .omit({ is_mcp_admin: true })
  .extend({ id, is_mcp_admin: ignoredMcpFlag });
const flagWarning = (a: { is_mcp_admin?: unknown }) =>
  a.is_mcp_admin === undefined ? null : 'is_mcp_admin was ignored: it is never settable through MCP';

export const WRITE_TOOLS = [
  tool({
    name: 'create_provider',
    description: 'Create an upstream provider (its API key is stored encrypted and never shown again).',
    write: true,
    input: providerCreateSchema,
    call: (body) => ({ method: 'POST', path: '/providers', body }),
  }),
  tool({
    name: 'update_provider',
    description: 'Change a provider; omitted fields keep their values, an omitted api_key keeps the key.',
    write: true,
    input: providerUpdateSchema.extend({ id }),
    call: ({ id: target, ...body }) => ({ method: 'PUT', path: `/providers/${target}`, body }),
  }),
  tool({
    name: 'delete_provider',
    description: 'Delete a provider that no model link uses.',
    write: true,
    input: z.object({ id }),
    call: (a) => ({ method: 'DELETE', path: `/providers/${a.id}` }),
  }),
  tool({
    name: 'create_model',
    description: 'Create a client-visible model (strategy, prices, rules).',
    write: true,
    input: modelCreateSchema,
    call: (body) => ({ method: 'POST', path: '/models', body }),
  }),
  tool({
    name: 'update_model',
    description: 'Change a model by name; omitted fields keep their values.',
    write: true,
    input: modelUpdateSchema.extend({ name }),
    call: ({ name: target, ...body }) => ({ method: 'PUT', path: `/models/${segment(target)}`, body }),
  }),
  tool({
    name: 'delete_model',
    description: 'Delete a model and its provider links.',
    write: true,
    input: z.object({ name }),
    call: (a) => ({ method: 'DELETE', path: `/models/${segment(a.name)}` }),
  }),
  tool({
    name: 'create_model_provider',
    description: 'Link a model to a provider and the provider’s own model name.',
    write: true,
    input: linkCreateSchema,
    call: (body) => ({ method: 'POST', path: '/model-providers', body }),
  }),
  tool({
    name: 'update_model_provider',
    description: 'Change a link (weight, priority, prices, rules, pause with paused_until).',
    write: true,
    input: linkUpdateSchema.extend({ id }),
    call: ({ id: target, ...body }) => ({ method: 'PUT', path: `/model-providers/${target}`, body }),
  }),
  tool({
    name: 'delete_model_provider',
    description: 'Delete a link.',
    write: true,
    input: z.object({ id }),
    call: (a) => ({ method: 'DELETE', path: `/model-providers/${a.id}` }),
  }),
  tool({
    name: 'create_api_key',
    description: 'Create a gateway key; the full key is in this answer only.',
    write: true,
    input: keyCreate,
    call: ({ is_mcp_admin: _ignored, ...body }) => ({ method: 'POST', path: '/api-keys', body }),
    revealsKey: true,
    warning: flagWarning,
  }),
  tool({
    name: 'update_api_key',
    description: 'Rename, enable/disable or change a gateway key (never its MCP access).',
    write: true,
    input: keyUpdate,
    call: ({ id: target, is_mcp_admin: _ignored, ...body }) => ({
      method: 'PUT',
      path: `/api-keys/${target}`,
      body,
    }),
    warning: flagWarning,
  }),
  tool({
    name: 'delete_api_key',
    description: 'Delete a gateway key.',
    write: true,
    input: z.object({ id }),
    call: (a) => ({ method: 'DELETE', path: `/api-keys/${a.id}` }),
  }),
  tool({
    name: 'cancel_request',
    description:
      'Cancel a running request by trace id: its upstream call is aborted and it is logged as cancelled.',
    write: true,
    input: z.object({ trace_id: z.string().min(8).max(100) }),
    call: (a) => ({ method: 'POST', path: `/logs/${segment(a.trace_id)}/cancel` }),
  }),
  tool({
    name: 'purge_model_cache',
    description:
      "Drop every cached answer of a model (all keys' entries), by moving its cache generation on.",
    write: true,
    input: z.object({ name: z.string().min(1).max(100) }),
    call: (a) => ({ method: 'POST', path: `/models/${segment(a.name)}/cache/purge` }),
  }),
  tool({
    name: 'purge_api_key_cache',
    description: "Drop a gateway key's cached answers, by moving its cache generation on.",
    write: true,
    input: z.object({ id }),
    call: (a) => ({ method: 'POST', path: `/api-keys/${a.id}/cache/purge` }),
  }),
];
