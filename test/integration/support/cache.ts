// Sends requests through the gateway for the response-cache tests and reads what came back.
import { parseSse, type SseEvent } from '../../../worker/lib/sse';
import { recorded, type Setup, setupGateway } from './gateway';
import { call, fetchGateway } from './http';

/** A model with caching on (10 minutes unless told), routed to one mock provider per protocol given. */
export function cachedGateway(
  protocols: string[] = ['openai'],
  model: Record<string, unknown> = {},
): Promise<Setup> {
  return setupGateway(
    protocols.map((protocol) => ({ protocol })),
    { cache_ttl_seconds: 600, ...model },
  );
}

export interface Answer {
  status: number;
  cache: string | null;
  aig: string | null;
  trace: string;
  text: string;
  json: Record<string, unknown>;
  events: SseEvent[];
  headers: Headers;
}

/** One request to `path` as the setup's key; a stream is read to its end. */
export async function ask(
  g: Pick<Setup, 'key'>,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const auth: Record<string, string> =
    path === '/v1/messages'
      ? { 'x-api-key': g.key, 'anthropic-version': '2023-06-01' }
      : { authorization: `Bearer ${g.key}` };
  if (body.stream === true) {
    const res = await fetchGateway(path, { headers: { ...auth, ...headers }, body });
    const text = await res.text();
    return {
      status: res.status,
      cache: res.headers.get('x-gateway-cache'),
      aig: res.headers.get('cf-aig-cache-status'),
      trace: res.headers.get('x-gateway-trace-id') ?? '',
      text,
      json: {},
      events: parseSse(text),
      headers: res.headers,
    };
  }
  const res = await call('POST', path, { body, headers: { ...auth, ...headers } });
  return {
    status: res.status,
    cache: res.headers.get('x-gateway-cache'),
    aig: res.headers.get('cf-aig-cache-status'),
    trace: res.headers.get('x-gateway-trace-id') ?? '',
    text: res.text,
    json: res.json,
    events: [],
    headers: res.headers,
  };
}

/** How many requests the mock received for the setup's first provider. */
export async function upstreamCalls(g: Setup, index = 0): Promise<number> {
  return (await recorded(g.providers[index]!.name)).length;
}

/** A chat request body with a prompt unique to the test, so no other test's entry can answer it. */
export function chatBody(model: string, prompt: string, extra: Record<string, unknown> = {}) {
  return { model, messages: [{ role: 'user', content: prompt }], ...extra };
}

/** Waits until the cache has the answer: it is written in waitUntil, after the client got it. */
export function settle(ms = 50): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
