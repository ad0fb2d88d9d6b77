// Owns what the balancer learns from a finished request: one outcome per provider link tried.
import type { AttemptOutcome } from '../balancer/health';
import type { TraceSummary } from './trace';

/**
 * One outcome per link (after its retries): the last failure of each failed link, and the served
 * link's final status — a stream that broke after the commit point counts as a 502, a client that
 * left counts as nothing (it says nothing about the provider).
 */
export function linkOutcomes(s: TraceSummary, probe: number | null): AttemptOutcome[] {
  const last = new Map<number, AttemptOutcome>();
  for (const f of s.failed) {
    const kind = f.failure.kind;
    // A client that left, a request one protocol cannot express, or a URL our own guard refuses say
    // nothing about the provider's health.
    if (kind === 'aborted' || kind === 'conversion' || kind === 'blocked') continue;
    const id = f.candidate.link.id;
    last.set(id, {
      linkId: id,
      // A redirecting provider is misconfigured, not successful: it counts as a failure.
      status: kind === 'redirect' ? 502 : f.failure.status,
      retryAfterMs: f.failure.retryAfterMs,
      probe: id === probe,
    });
  }
  const served = s.success?.ctx.candidate.link.id;
  const end = s.outcome.streamEnd?.reason;
  if (served !== undefined && end !== 'client_disconnected') {
    const status = end && end !== 'complete' ? 502 : (s.success?.success.response.status ?? 200);
    last.set(served, { linkId: served, status, retryAfterMs: null, probe: served === probe });
  }
  return [...last.values()];
}
