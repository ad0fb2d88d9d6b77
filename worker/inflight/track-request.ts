// Owns what the proxy registers of a running request: the entry the admin sees, and the cancel signal.
import type { Env } from '../env';
import type { RunningRequest } from './tracker';
import { trackerFor } from './tracker';

/** The parts of a proxied request the registry lists. */
export interface TrackedRequestInfo {
  traceId: string;
  receivedAt: number;
  model: string;
  stream: boolean;
  spec: { path: string };
  userId: string | null;
  key: { id: number | null; name: string };
}

/** Registers a running request in this isolate's tracker; null when the registry is not bound. */
export function trackRequest(
  env: Env,
  req: TrackedRequestInfo,
  waitUntil: (p: Promise<unknown>) => void,
  onCancel: (reason: string) => void,
): RunningRequest | null {
  const tracker = trackerFor(env);
  if (!tracker) return null;
  const entry = {
    trace_id: req.traceId,
    started_at: req.receivedAt,
    requested_model: req.model.slice(0, 300),
    path: req.spec.path,
    is_stream: req.stream,
    api_key_id: req.key.id,
    api_key_name: req.key.name.slice(0, 200),
    user_id: req.userId,
  };
  return tracker.track(entry, onCancel, waitUntil);
}
