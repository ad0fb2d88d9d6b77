// Owns wiring a proxied request into the in-flight registry: listed while it runs, cancellable by an admin.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { trackRequest } from '../inflight/track-request';
import type { ProxyRequest } from './request';
import type { RequestTrace } from './trace';

/**
 * Registers the request (a map insert: no Durable Object call before the upstream) and makes an admin
 * cancel abort it like a client disconnect, logged as cancelled through the journal.
 */
export function trackRunning(c: Context<AppEnv>, req: ProxyRequest, trace: RequestTrace): void {
  const running = trackRequest(
    c.env,
    req,
    (p) => c.executionCtx.waitUntil(p),
    (reason) => {
      trace.cancelReason = reason;
    },
  );
  if (!running) return;
  void trace.finished.then(() => running.finish());
  req.clientSignal = req.clientSignal ? AbortSignal.any([req.clientSignal, running.signal]) : running.signal;
}
