// Owns the response cache's place in a proxy request: answer a HIT at once, or arrange for a MISS's answer to be kept.
import type { RoutingConfig } from '../routing/types';
import { hitResponse } from './cache-hit';
import { type ReplayBody, replayBody } from './cache-replay';
import { type CacheSession, openCache } from './cache-session';
import { keepAnswer } from './cache-store';
import type { ProxyRequest } from './request';
import type { StreamEnd } from './stream';
import type { RequestTrace } from './trace';

export interface CacheFlowDeps {
  routing: RoutingConfig;
  /** Epoch ms by which the request must be answered. */
  deadline: number;
  waitUntil: (p: Promise<unknown>) => void;
}

/** The HIT response, finishing the journal when the client has it all (or left); null when it cannot serve. */
function replay(
  req: ProxyRequest,
  session: CacheSession,
  trace: RequestTrace,
  routing: RoutingConfig,
): Response | null {
  const entry = session.entry;
  if (!entry) return null;
  let body: ReplayBody;
  try {
    body = replayBody(req, entry);
  } catch (err) {
    console.warn(`cached answer ${session.key} cannot serve ${req.spec.path}; asking the provider`, err);
    return null;
  }
  session.servedAt = Date.now();
  const link = session.model?.links.find((l) => l.id === entry.linkId);
  session.secrets = link ? (routing.providers.get(link.providerId)?.secrets ?? []) : [];
  const taps = {
    onClientChunk: trace.client.push,
    onEnd: (end: StreamEnd) => {
      // As on the live path: a stream that did not reach its end is a failed request.
      const broken = end.reason !== 'complete';
      trace.finish({
        status: broken ? 502 : entry.status,
        errorType: broken ? end.reason : null,
        errorMessage: end.message ?? null,
        streamEnd: end,
      });
    },
  };
  return hitResponse(entry, body, session, taps, req.clientSignal);
}

/**
 * Opens the request's cache session and records it in the journal. Returns the response of a HIT;
 * otherwise null, and a MISS's answer is kept (or shared with waiting requests) once it is complete.
 * Caching off for the request: nothing is hashed, looked up or copied.
 */
export async function serveFromCache(
  req: ProxyRequest,
  trace: RequestTrace,
  deps: CacheFlowDeps,
): Promise<Response | null> {
  const session = await openCache(req, {
    model: deps.routing.models.get(req.model),
    // A log retry and a dashboard model test exist to reach the provider.
    replay: trace.start.replayOf !== null || req.key.id === null,
    deadline: deps.deadline,
  });
  trace.cache = session;
  if (!session) return null;
  if (session.status === 'HIT') {
    const hit = replay(req, session, trace, deps.routing);
    if (hit) return hit;
    Object.assign(session, { status: 'MISS', entry: undefined, source: undefined });
  }
  if (session.status === 'MISS') {
    deps.waitUntil(
      trace.finished
        .then((s) => keepAnswer(s, session))
        .catch((err) => console.warn(`answer of ${trace.traceId} could not be cached`, err)),
    );
  }
  return null;
}
