// Owns turning an execution result into the client's response: committed bodies, streams and final errors.
import { type ErrorSurface, GatewayError, renderError } from '../errors';
import { type Sanitizer, sanitizerFor } from '../logging/sanitizer';
import type { JsonObject } from '../protocols/types';
import { clientResponseHeaders } from '../protocols/upstream';
import type { AttemptContext, AttemptFailure, AttemptSuccess } from './attempt';
import type { FailedAttempt } from './execute';
import type { ProxyRequest } from './request';
import { createClientStream, type StreamEnd } from './stream';
import { streamErrorEvents } from './stream-errors';

export interface ResponseTaps {
  onUpstreamChunk?: (bytes: Uint8Array) => void;
  onClientChunk?: (bytes: Uint8Array) => void;
  onEnd: (end: StreamEnd) => void;
}

function gatewayHeaders(headers: Headers, ctx: AttemptContext, retries: number): Headers {
  headers.set('x-gateway-provider', ctx.candidate.provider.name);
  headers.set('x-gateway-model', ctx.candidate.link.targetModelName);
  headers.set('x-gateway-retries', String(retries));
  return headers;
}

/** Masks what an upstream may echo back: its own key, the caller's gateway key, key-shaped strings. */
function cleanerFor(req: ProxyRequest, candidate: AttemptContext['candidate']): Sanitizer {
  return sanitizerFor([...candidate.provider.secrets, req.key.secret], req.keyPrefix);
}

function convertBody(ctx: AttemptContext, req: ProxyRequest, bytes: Uint8Array): JsonObject {
  let json: JsonObject;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as JsonObject;
  } catch {
    throw new GatewayError('upstream_error', 'The provider returned a body that is not valid JSON');
  }
  try {
    return ctx.bridge.convertResponse(json, req, ctx.candidate);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new GatewayError('upstream_error', `The provider's response could not be converted: ${detail}`);
  }
}

/** The committed response: bytes as received for same-protocol calls, converted otherwise. */
export function successResponse(
  req: ProxyRequest,
  ctx: AttemptContext,
  success: AttemptSuccess,
  retries: number,
  taps: ResponseTaps,
): { response: Response; clientBody: Uint8Array | null } {
  const clean = cleanerFor(req, ctx.candidate);
  const headers = gatewayHeaders(clientResponseHeaders(success.response.headers, clean.text), ctx, retries);
  const status = success.response.status;
  if (success.body) {
    let body: Uint8Array = success.body;
    if (!ctx.bridge.identity) {
      body = new TextEncoder().encode(JSON.stringify(convertBody(ctx, req, success.body)));
      headers.set('content-type', 'application/json');
    }
    taps.onEnd({ reason: 'complete' });
    return { response: new Response(body, { status, headers }), clientBody: body };
  }
  const converter = ctx.bridge.streamConverter(req, ctx.candidate);
  if (converter) headers.set('content-type', 'text/event-stream; charset=utf-8');
  headers.set('cache-control', 'no-cache');
  const stream = createClientStream({
    head: success.head,
    reader: success.reader as ReadableStreamDefaultReader<Uint8Array>,
    idleTimeoutMs: ctx.candidate.provider.responseTimeoutMs,
    converter,
    errorEvents: (message) =>
      converter?.fail?.(message) ?? streamErrorEvents(req.spec.clientProtocol, message),
    onUpstreamChunk: taps.onUpstreamChunk,
    onClientChunk: taps.onClientChunk,
    onEnd: taps.onEnd,
    abortUpstream: () => ctx.controller.abort(),
    clientSignal: req.clientSignal,
  });
  return { response: new Response(stream, { status, headers }), clientBody: null };
}

function surfaceOf(req: ProxyRequest): ErrorSurface {
  const protocol = req.spec.clientProtocol;
  return protocol === 'anthropic' || protocol === 'gemini' ? protocol : 'openai';
}

function gatewayFailure(f: AttemptFailure): GatewayError {
  if (f.kind === 'timeout') return new GatewayError('upstream_timeout', f.message);
  if (f.kind === 'connect') return new GatewayError('upstream_unreachable', f.message);
  if (f.kind === 'conversion') return new GatewayError('invalid_request', f.message);
  if (f.kind === 'redirect' || f.kind === 'blocked') return new GatewayError('upstream_error', f.message);
  return new GatewayError('upstream_error', f.message, { status: f.status >= 400 ? f.status : 502 });
}

/** The response after every attempt failed: the last upstream error, in the client's envelope. */
export function failureResponse(req: ProxyRequest, failed: FailedAttempt[], deadlineHit: boolean): Response {
  const last = failed[failed.length - 1];
  const surface = surfaceOf(req);
  if (!last) {
    const err = deadlineHit
      ? new GatewayError('upstream_timeout', 'The request deadline passed before any provider answered')
      : new GatewayError('no_available_provider', 'No provider could take the request');
    return renderError(err, surface, req.traceId);
  }
  const f = last.failure;
  const headers = new Headers({ 'x-gateway-retries': String(failed.length - 1) });
  headers.set('x-gateway-provider', last.candidate.provider.name);
  headers.set('x-gateway-model', last.candidate.link.targetModelName);
  if (f.kind !== 'status' || !f.bodyText) {
    const res = renderError(gatewayFailure(f), surface, req.traceId);
    headers.forEach((v, k) => {
      res.headers.set(k, v);
    });
    return res;
  }
  const clean = cleanerFor(req, last.candidate);
  const text = clean.text(f.bodyText);
  const converted = last.ctx?.bridge.convertError(f.status, text) ?? null;
  if (converted) {
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(converted), { status: f.status, headers });
  }
  const upstream = f.headers ? clientResponseHeaders(f.headers, clean.text) : new Headers();
  headers.forEach((v, k) => {
    upstream.set(k, v);
  });
  return new Response(text, { status: f.status, headers: upstream });
}
