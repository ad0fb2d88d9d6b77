// Delivers a route's reply with the request's faults applied: delay, reset, hang, status, bad bodies.
import type { ServerResponse } from 'node:http';
import { errorReply, MALFORMED_JSON } from './errors.ts';
import type { Fault } from './faults.ts';
import { abortConnection, pause, playSse } from './sse.ts';
import type { Protocol, Reply, Settings, WholeReply } from './types.ts';

export interface Delivery {
  res: ServerResponse;
  protocol: Protocol;
  fault: Fault;
  settings: Settings;
  /** Headers every reply carries, such as the request id. */
  headers: Record<string, string>;
  /** Aborts when the response closes. */
  signal: AbortSignal;
  /** The request path and the mock's origin, for redirects. */
  path: string;
  origin: string;
}

/** Where a redirect points: the same endpoint on the mock's `redirect-target` provider. */
export function redirectLocation(d: Pick<Delivery, 'path' | 'origin'>): string {
  return `${d.origin}/p/redirect-target${d.path.replace(/^\/p\/[^/]+/, '')}`;
}

/** Writes a complete reply; no faults. */
export function writeReply(res: ServerResponse, reply: WholeReply, headers: Record<string, string>): void {
  const body = reply.body;
  const contentType = reply.kind === 'json' ? 'application/json' : reply.contentType;
  res.writeHead(reply.status, {
    ...headers,
    ...(reply.kind === 'json' ? reply.headers : undefined),
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** Sends headers and half the body, then aborts or stalls: a non-stream reply cut mid-transfer. */
function writePartial(res: ServerResponse, reply: WholeReply, d: Delivery, abort: boolean): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.writeHead(reply.status, {
    ...d.headers,
    'content-type': reply.kind === 'json' ? 'application/json' : reply.contentType,
    'content-length': String(body.length),
  });
  res.write(body.subarray(0, Math.floor(body.length / 2)));
  if (abort) abortConnection(res);
}

async function sendReply(d: Delivery, reply: Reply): Promise<void> {
  const { res, fault } = d;
  if (reply.kind === 'sse') {
    await playSse(res, reply.frames, {
      protocol: d.protocol,
      contentType: reply.contentType,
      fault,
      gapMs: fault.chunkGapMs ?? d.settings.chunkGapMs,
      headers: d.headers,
      signal: d.signal,
    });
    return;
  }
  if (fault.abortAfter !== undefined || fault.stallAfter !== undefined) {
    writePartial(res, reply, d, fault.abortAfter !== undefined);
    return;
  }
  writeReply(res, reply, d.headers);
}

/** Applies the request-level faults in order, then builds and sends the reply. */
export async function deliver(d: Delivery, build: () => Reply | Promise<Reply>): Promise<void> {
  const { res, fault } = d;
  const delay = fault.delayMs ?? d.settings.delayMs;
  if (delay > 0 && !(await pause(delay, d.signal))) return;
  if (fault.reset) {
    // RST rather than FIN: clients see ECONNRESET, as with a crashed upstream or a dropped proxy.
    res.socket?.resetAndDestroy();
    return;
  }
  // The socket stays open until the client gives up or the server closes.
  if (fault.timeout) return;
  if (fault.redirect !== undefined) {
    const body = 'redirecting';
    res.writeHead(fault.redirect, {
      ...d.headers,
      location: redirectLocation(d),
      'content-type': 'text/plain',
      'content-length': String(body.length),
    });
    res.end(body);
    return;
  }
  if (fault.status !== undefined) {
    const reply = errorReply(d.protocol, fault.status, {
      retryAfter: fault.retryAfter,
      retryAfterMs: fault.retryAfterMs,
    });
    writeReply(res, reply, d.headers);
    return;
  }
  if (fault.badJson) {
    writeReply(
      res,
      { kind: 'bytes', status: 200, contentType: 'application/json', body: MALFORMED_JSON },
      d.headers,
    );
    return;
  }
  await sendReply(d, await build());
}
