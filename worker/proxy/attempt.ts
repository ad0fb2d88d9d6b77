// Owns one upstream attempt: send, wait for the first byte (stream) or the whole body, classify failures.
import { cancellationOf } from '../lib/cancellation';
import { concatBytes } from '../lib/encoding';
import { parseRetryAfter, TimeoutError, withTimeout } from '../lib/timing';
import { checkUpstreamUrl } from '../lib/url-guard';
import { dialectBody, upstreamHeaders } from '../protocols/upstream';
import type { Candidate } from '../routing/types';
import type { Bridge, PreparedBody } from './bridge';
import type { ProxyRequest } from './request';
import { authorizeUpstream } from './upstream-auth';
import { decodeUpstream } from './upstream-decode';
import { workersAiFetch } from './workers-ai';

export interface AttemptSuccess {
  ok: true;
  response: Response;
  /** Stream: the bytes read up to the first complete event, and the reader to continue from. */
  head: Uint8Array[];
  reader: ReadableStreamDefaultReader<Uint8Array> | null;
  /** Non-stream: the whole body. */
  body: Uint8Array | null;
  firstByteAt: number;
}

/**
 * `redirect`: the provider answered 3xx (never followed: the target could be anywhere);
 * `blocked`: the provider's URL is refused by the private-address guard.
 */
export type FailureKind =
  | 'status'
  | 'timeout'
  | 'connect'
  | 'conversion'
  | 'aborted'
  | 'redirect'
  | 'blocked';

export interface AttemptFailure {
  ok: false;
  kind: FailureKind;
  status: number;
  bodyText: string;
  headers: Headers | null;
  retryAfterMs: number | null;
  message: string;
  firstByteAt: number | null;
}

export type AttemptResult = AttemptSuccess | AttemptFailure;

export interface AttemptContext {
  req: ProxyRequest;
  candidate: Candidate;
  bridge: Bridge;
  prepared: PreparedBody;
  url: string;
  /** Wall-clock budget left for this attempt (whole-request deadline). */
  budgetMs: number;
  controller: AbortController;
  /** Whether private addresses are allowed (the Vertex token exchange is checked at use too). */
  allowPrivate: boolean;
}

const MAX_ERROR_BODY = 64 * 1024;

function failure(
  kind: FailureKind,
  status: number,
  message: string,
  extra: Partial<AttemptFailure> = {},
): AttemptFailure {
  return {
    ok: false,
    kind,
    status,
    message,
    bodyText: '',
    headers: null,
    retryAfterMs: null,
    firstByteAt: null,
    ...extra,
  };
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, idleMs: number, cap = Infinity) {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await withTimeout(reader.read(), idleMs, 'upstream stopped sending');
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    if (size >= cap) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return concatBytes(parts);
}

const HEAD_LIMIT = 256 * 1024;

/** Reads until the stream's first complete SSE event (a blank line) has arrived. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array[]> {
  const head: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let text = '';
  while (!/\r?\n\r?\n|\r\r/.test(text) && text.length < HEAD_LIMIT) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    text += decoder.decode(value, { stream: true });
  }
  return head;
}

/** Sends one attempt and waits for its commit point. Never throws: every failure is classified. */
export async function runAttempt(ctx: AttemptContext, startedAt: number): Promise<AttemptResult> {
  const { candidate, prepared, controller } = ctx;
  const timeoutMs = Math.min(candidate.provider.responseTimeoutMs, ctx.budgetMs);
  let firstByteAt: number | null = null;
  const clientSignal = ctx.req.clientSignal;
  const onClientGone = () => controller.abort();
  clientSignal?.addEventListener('abort', onClientGone);
  // One timer bounds the attempt up to its commit point (first event, or the whole non-stream body);
  // aborting the fetch ends whichever read is pending. No per-read promise race on the hot path.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const headers = upstreamHeaders(
      candidate.provider,
      ctx.req.headers,
      prepared.contentType,
      ctx.bridge.identity,
    );
    await authorizeUpstream(
      candidate.provider,
      { url: ctx.url, headers, body: prepared.body },
      ctx.allowPrivate,
    );
    const raw =
      candidate.provider.protocol === 'workers_ai'
        ? await workersAiFetch(
            ctx.req.ai,
            String(prepared.body),
            candidate.link.targetModelName,
            controller.signal,
          )
        : await fetch(ctx.url, {
            method: 'POST',
            headers,
            body: prepared.body,
            signal: controller.signal,
            // A redirect could point anywhere, private addresses included: it is a failed attempt instead.
            redirect: 'manual',
          });
    const response = decodeUpstream(candidate.provider, raw);
    firstByteAt = Date.now();
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      return failure(
        'redirect',
        response.status,
        `upstream answered ${response.status} (a redirect); the gateway does not follow provider redirects`,
        { firstByteAt },
      );
    }
    if (response.status >= 400 || !response.body) {
      const reader = response.body?.getReader();
      const bytes = reader
        ? await readAll(reader, timeoutMs, MAX_ERROR_BODY).catch(() => new Uint8Array())
        : new Uint8Array();
      return failure('status', response.status, `upstream answered ${response.status}`, {
        bodyText: new TextDecoder().decode(bytes),
        headers: response.headers,
        retryAfterMs: parseRetryAfter(response.headers),
        firstByteAt,
      });
    }
    if (!ctx.req.stream) {
      // The runtime reads the whole body natively: no JavaScript per chunk.
      const body = new Uint8Array(await response.arrayBuffer());
      return { ok: true, response, head: [], reader: null, body, firstByteAt: firstByteAt ?? startedAt };
    }
    const reader = response.body.getReader();
    const head = await readHead(reader);
    if (head.length === 0)
      return failure('status', 502, 'upstream closed the stream before its first event', { firstByteAt });
    return { ok: true, response, head, reader, body: null, firstByteAt };
  } catch (err) {
    controller.abort();
    if (timedOut || err instanceof TimeoutError) {
      const what =
        firstByteAt === null ? 'no response' : ctx.req.stream ? 'no first event' : 'body not complete';
      return failure('timeout', 504, `Upstream timed out: ${what} within ${timeoutMs} ms`, { firstByteAt });
    }
    if (clientSignal?.aborted) {
      const message = cancellationOf(clientSignal) ?? 'client disconnected';
      return failure('aborted', 499, message, { firstByteAt });
    }
    const message = err instanceof Error ? err.message : String(err);
    return failure('connect', 502, `Upstream unreachable: ${message}`, { firstByteAt });
  } finally {
    clearTimeout(timer);
    clientSignal?.removeEventListener('abort', onClientGone);
  }
}

/** A cloud dialect's body (Anthropic on Bedrock or Vertex) in place of the wire protocol's own. */
function dialectPrepared(candidate: Candidate, prepared: PreparedBody): PreparedBody {
  if (typeof prepared.body !== 'string') return prepared;
  const body = dialectBody(candidate.provider, prepared.body);
  return body === prepared.body ? prepared : { ...prepared, body, converted: body };
}

/**
 * The attempt context for a candidate: its URL and prepared body. Conversion failures surface here,
 * and a provider URL the private-address guard refuses (checked when used, not only when saved).
 */
export async function prepareAttempt(
  req: ProxyRequest,
  candidate: Candidate,
  bridge: Bridge,
  budgetMs: number,
  allowPrivate: boolean,
): Promise<AttemptContext | AttemptFailure> {
  const refused = checkUpstreamUrl(candidate.provider.baseUrl, allowPrivate);
  if (refused) return failure('blocked', 502, `The provider's base URL is refused: ${refused}`);
  try {
    const prepared = dialectPrepared(candidate, await bridge.prepare(req, candidate));
    const url = bridge.url(req, candidate);
    return {
      req,
      candidate,
      bridge,
      prepared,
      url,
      budgetMs,
      controller: new AbortController(),
      allowPrivate,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failure('conversion', 400, `Request cannot be converted for this provider: ${message}`);
  }
}
