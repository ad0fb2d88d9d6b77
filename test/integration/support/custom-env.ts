// Runs the Worker's app with variables overridden, for configurations the default test env does not use.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { app } from '../../../worker/app';

export async function callWith(
  vars: Record<string, string | undefined>,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined) headers.set('content-type', 'application/json');
  const req = new Request(`http://gateway.test${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const ctx = createExecutionContext();
  const res = await app.fetch(req, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: (text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : {}) as Record<
      string,
      unknown
    >,
  };
}
