// Owns POST /api/admin/models/{name}/test: one real request through the gateway, measured for the dashboard.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { parseSse } from '../lib/sse';
import { DASHBOARD_KEY_ID } from '../middleware/gateway-auth';
import type { WireProtocol } from '../protocols/catalogue';
import { responseText } from '../usage/response-text';
import { StreamUsageAccumulator } from '../usage/stream-usage';
import { readBody } from './http';
import { callGateway } from './in-process';

const testSchema = z.object({
  protocol: z.enum(['openai', 'anthropic', 'openai_responses']),
  stream: z.boolean().optional(),
  prompt: z.string().min(1).max(10_000).optional(),
  max_tokens: z.number().int().min(1).max(8192).optional(),
});

function requestFor(
  protocol: WireProtocol,
  model: string,
  prompt: string,
  stream: boolean,
  maxTokens: number,
) {
  if (protocol === 'anthropic') {
    return {
      path: '/v1/messages',
      body: { model, max_tokens: maxTokens, stream, messages: [{ role: 'user', content: prompt }] },
    };
  }
  if (protocol === 'openai_responses') {
    return { path: '/v1/responses', body: { model, input: prompt, max_output_tokens: maxTokens, stream } };
  }
  return {
    path: '/v1/chat/completions',
    body: { model, max_tokens: maxTokens, stream, messages: [{ role: 'user', content: prompt }] },
  };
}

/** Sends a short prompt to the model as the dashboard and reports provider, timings and text. */
export async function testModel(c: Context<AppEnv>, model: string) {
  const input = await readBody(c, testSchema);
  const stream = input.stream ?? false;
  const req = requestFor(
    input.protocol,
    model,
    input.prompt ?? 'Hello! Reply with a short greeting.',
    stream,
    input.max_tokens ?? 1024,
  );
  const headers = new Headers(input.protocol === 'anthropic' ? { 'anthropic-version': '2023-06-01' } : {});
  const started = Date.now();
  const res = await callGateway(c, {
    path: req.path,
    body: JSON.stringify(req.body),
    keyId: DASHBOARD_KEY_ID,
    headers,
  });
  const firstByte = Date.now() - started;
  const text = await res.text();
  const total = Date.now() - started;
  let content = '';
  let error: string | null = null;
  if (res.ok && stream) {
    const acc = new StreamUsageAccumulator(input.protocol);
    for (const ev of parseSse(text)) acc.push(ev);
    content = acc.text();
  } else {
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    if (res.ok) content = responseText(input.protocol, json);
    else error = (json as { error?: { message?: string } } | null)?.error?.message ?? text.slice(0, 500);
  }
  return {
    response_status: res.status,
    provider_name: res.headers.get('x-gateway-provider'),
    target_model: res.headers.get('x-gateway-model'),
    first_byte_delay_ms: firstByte,
    total_time_ms: total,
    content,
    trace_id: res.headers.get('x-gateway-trace-id'),
    error,
  };
}
