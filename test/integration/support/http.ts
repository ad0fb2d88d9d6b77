// Calls the Worker under test in-process, the way a client would over HTTP.
import { exports } from 'cloudflare:workers';

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  raw?: BodyInit;
}

export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers = new Headers(opts.headers);
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const res = await exports.default.fetch(
    new Request(`http://gateway.test${path}`, { method, headers, body }),
  );
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json: (json ?? {}) as Record<string, unknown> };
}

export const admin = {
  get: (path: string) => call('GET', `/api/admin${path}`),
  post: (path: string, body?: unknown) => call('POST', `/api/admin${path}`, { body }),
  put: (path: string, body?: unknown) => call('PUT', `/api/admin${path}`, { body }),
  del: (path: string) => call('DELETE', `/api/admin${path}`),
};

let counter = 0;
/** A name unique within this test run, so files can share the database. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** The raw Response (body unread), for streaming assertions. */
export function fetchGateway(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown },
) {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  return exports.default.fetch(
    new Request(`http://gateway.test${path}`, {
      method: init.method ?? 'POST',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
}
