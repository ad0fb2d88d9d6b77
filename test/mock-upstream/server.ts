// The mock LLM upstream: an HTTP server on loopback that answers OpenAI, Anthropic and Responses requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { looksAnthropic } from './anthropic-request.ts';
import { CacheTracker } from './content.ts';
import { CONTROL_PREFIX, handleControl } from './control.ts';
import { errorReply, UpstreamError } from './errors.ts';
import { FaultQueue, type FaultScript, FaultSyntaxError, toFaultBatch } from './faults.ts';
import { OTLP_PREFIX, OtlpReceiver } from './otlp.ts';
import { type RecordedRequest, Recorder } from './recorder.ts';
import { deliver, writeReply } from './respond.ts';
import { resolveRoute } from './router.ts';
import { readDirective, resolveFault, resolveSettings } from './settings.ts';
import type { MockRequest, Protocol, Settings } from './types.ts';

export type { Fault, FaultScript } from './faults.ts';
export type { RecordedRequest } from './recorder.ts';

export interface MockUpstreamOptions {
  /** 0 or absent picks a free port. */
  port?: number;
  host?: string;
  delayMs?: number;
  responseBytes?: number;
  chunks?: number;
  chunkGapMs?: number;
  /** Size of the request ring buffer. */
  maxRecorded?: number;
}

export interface MockUpstream {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Base URL of a named provider: `<url>/p/<name>/v1`, or without `/v1` when `v1: false`. */
  providerUrl(name: string, options?: { v1?: boolean }): string;
  /** Recorded requests, oldest first, optionally for one provider. */
  requests(provider?: string): RecordedRequest[];
  clearRequests(): void;
  /** Queues one-shot faults consumed in order by matching requests. */
  queueFaults(script: FaultScript): void;
  clearFaults(): void;
  /** Stops listening and destroys every open socket, stalled streams included. */
  close(): Promise<void>;
}

export const DEFAULT_SETTINGS: Settings = { delayMs: 0, responseBytes: 0, chunks: 4, chunkGapMs: 0 };

const RESPONSE_CLOSED = new Error('response closed');

interface State {
  defaults: Settings;
  faults: FaultQueue;
  recorder: Recorder;
  cache: CacheTracker;
  otlp: OtlpReceiver;
  seq: number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(raw: Buffer, contentType: string): Promise<Pick<MockRequest, 'json' | 'form'>> {
  if (raw.length === 0) return { json: undefined, form: undefined };
  // OAuth token requests (Vertex) are form-encoded; their route reads the raw body.
  if (contentType.startsWith('application/x-www-form-urlencoded'))
    return { json: undefined, form: undefined };
  if (contentType.startsWith('multipart/form-data')) {
    try {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType },
      }).formData();
      return { json: undefined, form };
    } catch {
      throw new UpstreamError(400, 'Could not parse the multipart/form-data body.');
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new UpstreamError(400, 'We could not parse the JSON body of your request.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UpstreamError(400, 'The request body must be a JSON object.');
  }
  return { json: value as Record<string, unknown>, form: undefined };
}

function renderError(
  res: ServerResponse,
  protocol: Protocol,
  error: unknown,
  headers: Record<string, string>,
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof UpstreamError) {
    writeReply(
      res,
      errorReply(protocol, error.status, { message: error.message, type: error.type }),
      headers,
    );
  } else if (error instanceof FaultSyntaxError) {
    writeReply(res, errorReply(protocol, 400, { message: error.message }), headers);
  } else if (error instanceof RangeError) {
    // A body nested deeper than the mock's walkers go, as real providers refuse one.
    writeReply(res, errorReply(protocol, 400, { message: 'request body is nested too deeply' }), headers);
  } else {
    console.error('mock upstream: unexpected error', error);
    writeReply(res, errorReply(protocol, 500, { message: String(error) }), headers);
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, state: State): Promise<void> {
  const closed = new AbortController();
  // A fixed reason: the default one builds a DOMException per request, a visible cost at saturation.
  res.once('close', () => closed.abort(RESPONSE_CLOSED));
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const method = req.method ?? 'GET';
  const raw = await readBody(req);
  if (path.startsWith(CONTROL_PREFIX)) return handleControl(res, method, path, query, raw, state);
  if (path.startsWith(OTLP_PREFIX)) return state.otlp.handle(res, method, path, req.headers, raw);

  const { provider, route, miss } = resolveRoute(method, path, req.headers);
  const seq = ++state.seq;
  const entry = state.recorder.add({
    seq,
    time: Date.now(),
    method,
    url,
    path,
    provider,
    headers: req.headers,
    raw,
  });
  res.once('close', () => {
    if (!res.writableFinished) entry.clientClosed = true;
  });
  const protocol = route?.protocol ?? (looksAnthropic(req.headers) ? 'anthropic' : 'openai');
  const headers: Record<string, string> =
    protocol === 'anthropic' ? { 'request-id': `req_mock_${seq}` } : { 'x-request-id': `req_mock_${seq}` };
  try {
    if (!route) {
      throw new UpstreamError(miss ?? 404, `Invalid URL (${method} ${path})`);
    }
    const request: MockRequest = {
      method,
      url,
      path,
      query,
      provider,
      headers: req.headers,
      raw,
      ...(await parseBody(raw, req.headers['content-type'] ?? '')),
    };
    requireAzureKey(path, req.headers);
    const prepared = route.prepare(request);
    const directive = readDirective(prepared.prompt);
    const settings = resolveSettings(state.defaults, req.headers, directive);
    const fault = resolveFault(
      state.faults,
      { provider, path, headers: req.headers, model: prepared.model },
      directive,
    );
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    if (fault.echoKey) {
      const presented = req.headers.authorization ?? req.headers['x-api-key'];
      headers['x-echo-key'] = String(presented ?? '');
    }
    await deliver({ res, protocol, fault, settings, headers, signal: closed.signal, path, origin }, () =>
      prepared.run({ req: request, settings, seq, origin, cache: state.cache }),
    );
  } catch (error) {
    renderError(res, protocol, error, headers);
  }
}

/** Azure OpenAI (`…/openai/v1/…`) takes a key in `api-key`, or an Entra ID token (a JWT) as a bearer token, not both. */
function requireAzureKey(path: string, headers: IncomingMessage['headers']): void {
  if (!path.includes('/openai/v1/')) return;
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer && headers['api-key'])
    throw new UpstreamError(400, 'Send either the api-key header or an Entra ID token, not both.');
  if (bearer && !/^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(bearer))
    throw new UpstreamError(401, 'Invalid Entra ID token: not a JWT.');
  if (!bearer && !headers['api-key']) {
    throw new UpstreamError(
      401,
      'Access denied due to missing subscription key. Make sure to include the api-key header.',
    );
  }
}

/** Starts the mock on loopback; resolves once it is listening. */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const state: State = {
    defaults: {
      delayMs: options.delayMs ?? DEFAULT_SETTINGS.delayMs,
      responseBytes: options.responseBytes ?? DEFAULT_SETTINGS.responseBytes,
      chunks: Math.max(1, options.chunks ?? DEFAULT_SETTINGS.chunks),
      chunkGapMs: options.chunkGapMs ?? DEFAULT_SETTINGS.chunkGapMs,
    },
    faults: new FaultQueue(),
    recorder: new Recorder(options.maxRecorded ?? 1000),
    cache: new CacheTracker(),
    otlp: new OtlpReceiver(),
    seq: 0,
  };
  // No request timeout: stalled and hanging replies must stay open until the client or close() ends them.
  const server = createServer({ requestTimeout: 0, noDelay: true }, (req, res) => {
    handle(req, res, state).catch((error: unknown) => {
      // A client that hangs up mid-upload is ordinary in fault tests; anything else is a mock bug.
      if (!req.destroyed) console.error('mock upstream: request failed', error);
      res.destroy();
    });
  });
  // Longer than the gateway's idle pools, so the mock never closes a connection a client is about to reuse.
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    providerUrl: (name, opts) => `${url}/p/${encodeURIComponent(name)}${opts?.v1 === false ? '' : '/v1'}`,
    requests: (provider) => state.recorder.list(provider),
    clearRequests: () => state.recorder.clear(),
    queueFaults: (script) => state.faults.push(toFaultBatch(script)),
    clearFaults: () => state.faults.clear(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
