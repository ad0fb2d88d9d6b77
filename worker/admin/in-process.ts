// Owns sending a request through the gateway's own pipeline from the admin API, as a given key.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { mintReplayToken, REPLAY_TOKEN_HEADER } from '../middleware/gateway-auth';

export interface InProcessRequest {
  path: string;
  body: string;
  /** The API key the request runs as; DASHBOARD_KEY_ID for the dashboard's own tests. */
  keyId: number;
  headers?: Headers;
}

/** Runs one /v1 request through the whole pipeline (routing, logging) and returns its response. */
export async function callGateway(c: Context<AppEnv>, req: InProcessRequest): Promise<Response> {
  const url = new URL(req.path, c.req.url);
  const headers = new Headers(req.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  headers.set(
    REPLAY_TOKEN_HEADER,
    await mintReplayToken(c.get('settings').ENCRYPTION_KEY, req.keyId, url.pathname),
  );
  const inner = new Request(url, { method: 'POST', headers, body: req.body, signal: c.req.raw.signal });
  return c.get('callGateway')(inner);
}

/** The inner response, re-wrapped so the outer app's own trace id does not hide the inner one. */
export function passThrough(res: Response): Response {
  const headers = new Headers(res.headers);
  const trace = res.headers.get('x-gateway-trace-id');
  if (trace) headers.set('x-gateway-replay-trace-id', trace);
  return new Response(res.body, { status: res.status, headers });
}
