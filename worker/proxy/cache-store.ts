// Owns keeping a MISS's answer: only a complete, successful one, handed to waiting requests and then to storage.
import type { CacheEntry } from '../cache/entry';
import { landFlight, releaseFlight } from '../cache/flights';
import { remember } from '../cache/memory';
import { MAX_ENTRY_BYTES } from '../cache/store';
import { utf8 } from '../lib/encoding';
import { isCompleteAnswer } from '../protocols/shared/answer-complete';
import type { CacheSession } from './cache-session';
import type { TraceSummary } from './trace';

const decoder = new TextDecoder();
const CHAT_PATH = '/v1/chat/completions';

/**
 * The entry a finished request leaves, or null when it must not be kept: an error, a stream that
 * ended early (client gone, upstream broke, timeout), one too long to keep whole, or an answer its
 * protocol does not call complete (an in-stream error event, a provider that closed mid-answer).
 */
export function entryOf(s: TraceSummary, ttlSeconds: number): CacheEntry | null {
  const served = s.success;
  if (!served || s.outcome.status < 200 || s.outcome.status > 299) return null;
  if (s.outcome.streamEnd?.reason !== 'complete') return null;
  const { response, body: whole } = served.success;
  if (response.status < 200 || response.status > 299) return null;
  const stream = whole === null;
  if (stream && (s.upstream.truncated || s.upstream.total > MAX_ENTRY_BYTES)) return null;
  const text = stream ? s.upstream.text() : decoder.decode(whole);
  const body = stream ? utf8(text) : whole;
  if (body.byteLength > MAX_ENTRY_BYTES) return null;
  const { candidate, bridge } = served.ctx;
  if (!isCompleteAnswer(candidate.provider.implementation, stream, text)) return null;
  return {
    protocol: candidate.provider.implementation,
    // A same-protocol answer has the client endpoint's shape; a converted one is Chat's (the hub).
    upstreamPath: bridge.identity ? served.ctx.req.spec.path : CHAT_PATH,
    stream,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
    createdAt: s.outcome.endedAt,
    ttlSeconds,
    traceId: s.traceId,
    linkId: candidate.link.id,
    providerName: candidate.provider.name,
    targetModel: candidate.link.targetModelName,
  };
}

/**
 * After a MISS: lands its flight (waiting identical requests get the answer, or go upstream themselves
 * when there is none) and writes the answer to storage. Runs in waitUntil, after the client has it all.
 */
export async function keepAnswer(s: TraceSummary, session: CacheSession): Promise<void> {
  const { key, store, ttlSeconds } = session;
  if (!key || !store || ttlSeconds === undefined) return;
  const flight = session.flight;
  let entry: CacheEntry | null = null;
  try {
    entry = entryOf(s, ttlSeconds);
  } finally {
    if (flight) landFlight(key, flight, entry);
  }
  if (!entry) return;
  remember(key, entry);
  try {
    await store.put(key, entry);
  } finally {
    if (flight) releaseFlight(key, flight);
  }
}
