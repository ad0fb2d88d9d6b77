// Owns POST /api/admin/playground: run an edited request through the gateway and show the answer as it comes.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { readBody } from './http';
import { callGateway, passThrough } from './in-process';

export const playgroundRoutes = new Hono<AppEnv>();

const PATHS = {
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
  openai_responses: '/v1/responses',
  completions: '/v1/completions',
} as const;

const playgroundSchema = z.object({
  protocol: z.enum(['openai', 'anthropic', 'openai_responses', 'completions']),
  body: z.record(z.string(), z.unknown()),
  api_key_id: z.number().int().positive(),
  headers: z.record(z.string(), z.string()).optional(),
});

playgroundRoutes.post('/', async (c) => {
  const input = await readBody(c, playgroundSchema);
  const headers = new Headers();
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    // Credentials are the key's business, not the playground's.
    if (!/^(authorization|x-api-key|cookie|x-gateway-)/i.test(name)) headers.set(name, value);
  }
  if (input.protocol === 'anthropic' && !headers.has('anthropic-version'))
    headers.set('anthropic-version', '2023-06-01');
  const res = await callGateway(c, {
    path: PATHS[input.protocol],
    body: JSON.stringify(input.body),
    keyId: input.api_key_id,
    headers,
  });
  return passThrough(res);
});
