// Owns the proxy's journal of one request: what it leaves behind for its log, finished exactly once.
import type { GatewayKey } from '../app-env';
import type { Admission } from '../limits/admission';
import type { EndpointSpec } from '../protocols/endpoints';
import type { ModelConfig } from '../routing/types';
import type { AttemptContext, AttemptSuccess } from './attempt';
import type { CacheSession } from './cache-session';
import { ByteCollector } from './capture';
import type { FailedAttempt } from './execute';
import type { ProxyRequest } from './request';
import type { StreamEnd } from './stream';

export interface TraceOutcome {
  status: number;
  errorType: string | null;
  errorMessage: string | null;
  endedAt: number;
  streamEnd: StreamEnd | null;
}

export interface TraceSuccess {
  ctx: AttemptContext;
  success: AttemptSuccess;
  /** Non-stream body as the client received it, when it differs from the upstream's. */
  clientBody: Uint8Array | null;
}

/** What is known when a request starts, before its body is read. */
export interface TraceStart {
  traceId: string;
  receivedAt: number;
  key: GatewayKey;
  spec: EndpointSpec;
  url: string;
  method: string;
  headers: Headers;
  /** The trace id this request replays (admin log retry), else null. */
  replayOf: string | null;
}

/** What routing decided, as the log records it. */
export interface TraceRouting {
  model: ModelConfig;
  /** Links that passed the rules and can serve the endpoint. */
  matchedCount: number;
  /** True when the balancer did not answer and a static order was used. */
  balancerFallback: boolean;
}

/** Everything the log record builder needs, frozen when the request finished. */
export interface TraceSummary extends TraceStart {
  req: ProxyRequest | null;
  requestedModel: string | null;
  routing: TraceRouting | null;
  /** The request's admission under its limits, if any: released when it finishes, settled from its log. */
  limits: Admission | null;
  failed: FailedAttempt[];
  success: TraceSuccess | null;
  upstream: ByteCollector;
  client: ByteCollector;
  /** What the response cache did; null when caching did not apply. */
  cache: CacheSession | null;
  outcome: TraceOutcome;
}

export class RequestTrace {
  readonly upstream = new ByteCollector();
  readonly client = new ByteCollector();
  req: ProxyRequest | null = null;
  requestedModel: string | null = null;
  routing: TraceRouting | null = null;
  limits: Admission | null = null;
  failed: FailedAttempt[] = [];
  success: TraceSuccess | null = null;
  /** Set when an admin cancelled the request: whatever ended it, it is logged as cancelled. */
  cancelReason: string | null = null;
  cache: CacheSession | null = null;
  readonly finished: Promise<TraceSummary>;
  private resolve!: (s: TraceSummary) => void;
  private done = false;

  constructor(readonly start: TraceStart) {
    this.finished = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  get traceId(): string {
    return this.start.traceId;
  }

  /** Ends the trace; later calls are ignored so a request can never log twice. */
  finish(outcome: Omit<TraceOutcome, 'endedAt'>): void {
    if (this.done) return;
    this.done = true;
    const ended =
      this.cancelReason === null
        ? outcome
        : { ...outcome, status: 499, errorType: 'cancelled', errorMessage: this.cancelReason };
    this.resolve({
      ...this.start,
      req: this.req,
      requestedModel: this.requestedModel,
      routing: this.routing,
      limits: this.limits,
      failed: this.failed,
      success: this.success,
      upstream: this.upstream,
      client: this.client,
      cache: this.cache,
      outcome: { ...ended, endedAt: Date.now() },
    });
  }
}
