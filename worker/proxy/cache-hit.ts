// Owns the response of a cache HIT and the cache status headers every cached-or-not response carries.
import type { CacheEntry } from '../cache/entry';
import type { ReplayBody } from './cache-replay';
import type { CacheSession } from './cache-session';
import type { StreamEnd } from './stream';

/** Sets `x-gateway-cache` and Cloudflare AI Gateway's `cf-aig-cache-status` (same values). */
export function markCache(headers: Headers, session: CacheSession | null): void {
  if (!session) return;
  headers.set('x-gateway-cache', session.status);
  headers.set('cf-aig-cache-status', session.status);
}

export interface HitTaps {
  onClientChunk?: (bytes: Uint8Array) => void;
  onEnd: (end: StreamEnd) => void;
}

/** A stream over events already converted; stops (and says so) when the client goes away. */
function eventStream(chunks: Uint8Array[], taps: HitTaps, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let next = 0;
  let ended = false;
  const end = (e: StreamEnd) => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener('abort', gone);
    taps.onEnd(e);
  };
  function gone() {
    end({ reason: 'client_disconnected', message: 'client disconnected' });
  }
  signal?.addEventListener('abort', gone, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++];
        if (chunk && !ended) {
          taps.onClientChunk?.(chunk);
          controller.enqueue(chunk);
          return;
        }
        controller.close();
        end({ reason: 'complete' });
      },
      cancel: gone,
    },
    { highWaterMark: 0 },
  );
}

/** The HIT response: the replayed body, the entry's age, and the cache headers. */
export function hitResponse(
  entry: CacheEntry,
  body: ReplayBody,
  session: CacheSession,
  taps: HitTaps,
  signal?: AbortSignal,
): Response {
  const headers = new Headers({ 'x-gateway-retries': '0' });
  headers.set('age', String(Math.max(0, Math.floor((Date.now() - entry.createdAt) / 1000))));
  markCache(headers, session);
  if (body.kind === 'json') {
    headers.set('content-type', 'application/json');
    taps.onClientChunk?.(body.body);
    taps.onEnd({ reason: 'complete' });
    return new Response(body.body, { status: entry.status, headers });
  }
  headers.set('content-type', 'text/event-stream; charset=utf-8');
  headers.set('cache-control', 'no-cache');
  return new Response(eventStream(body.chunks, taps, signal), { status: entry.status, headers });
}
