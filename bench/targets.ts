// Owns what the client needs to know about each system under test: where to send, how, and whose CPU.
import { type RequestSpec, type Sample, send } from './client.ts';
import type { BodyFor } from './payloads.ts';

export type TargetId =
  | 'direct'
  | 'passthrough'
  | 'gateway'
  | 'gateway-nolog'
  /** The logging-on gateway again, called with a key that has every limit set (SPEC §15). */
  | 'gateway-limited'
  /** A logging-on gateway of its own, asked for a model on two providers (planned from the balancer replica). */
  | 'gateway-balanced'
  /** Another logging-on gateway whose balancer object answers only after an injected delay. */
  | 'gateway-slow-balancer'
  /** A logging-on gateway whose response cache never calls the Cache API (its memory tier only). */
  | 'gateway-memory-cache'
  /** The gateway built from another checkout (`--baseline DIR`), for before/after in the same rounds. */
  | 'gateway-baseline'
  | 'peer'
  | 'wrangler-dev'
  /** What-if builds measured by bench/attribute.ts. */
  | `variant:${string}`;

export interface Target {
  id: TargetId;
  label: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The model name this target expects in the body. */
  model: string;
  /** Process whose CPU is charged to this target (workerd, or the peer's Node); none for the mock. */
  pid: number | undefined;
  /** Why this target cannot run a scenario, by scenario id (e.g. the peer cannot stream on Node). */
  unavailable: Map<string, string>;
  /** One failover request (first provider answers 500), when the target has failover. */
  failover?: (body: BodyFor) => Promise<Sample>;
  /** Waits until deferred work this target started (the log consumer) has finished. */
  settle(): Promise<void>;
  /** Requests sent so far, all scenarios and warm-ups included (the log rows to expect). */
  sent: number;
}

/** The request a target gets for a body. */
export function specFor(target: Target, body: BodyFor): RequestSpec {
  return { origin: target.origin, path: target.path, headers: target.headers, body: body(target.model) };
}

/** Sends through a target and counts the request. */
export async function sendTo(target: Target, body: BodyFor): Promise<Sample> {
  target.sent++;
  return send(specFor(target, body));
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

export function makeTarget(
  fields: Omit<Target, 'unavailable' | 'settle' | 'sent'> & Partial<Pick<Target, 'settle'>>,
): Target {
  return { unavailable: new Map(), sent: 0, settle: async () => {}, ...fields };
}
