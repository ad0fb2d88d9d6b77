// Owns what one request leaves behind for its log: collected as it runs, finished exactly once.
import type { GatewayKey } from '../middleware/gateway-auth';
import type { AttemptContext, AttemptSuccess } from '../proxy/attempt';
import type { EndpointSpec } from '../proxy/endpoints';
import type { FailedAttempt } from '../proxy/execute';
import type { ProxyRequest } from '../proxy/request';
import type { StreamEnd } from '../proxy/stream';
import type { ModelConfig } from '../routing/types';
import { ByteCollector } from './capture';

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

/** Everything the producer needs, frozen when the request finished. */
export interface TraceSummary {
  traceId: string;
  receivedAt: number;
  key: GatewayKey;
  spec: EndpointSpec;
  url: string;
  method: string;
  headers: Headers;
  req: ProxyRequest | null;
  model: ModelConfig | null;
  requestedModel: string | null;
  matchedCount: number | null;
  balancerFallback: boolean;
  replayOf: string | null;
  failed: FailedAttempt[];
  success: TraceSuccess | null;
  upstream: ByteCollector;
  client: ByteCollector;
  outcome: TraceOutcome;
}

export class RequestTrace {
  readonly upstream = new ByteCollector();
  readonly client = new ByteCollector();
  req: ProxyRequest | null = null;
  model: ModelConfig | null = null;
  requestedModel: string | null = null;
  matchedCount: number | null = null;
  balancerFallback = false;
  failed: FailedAttempt[] = [];
  success: TraceSuccess | null = null;
  readonly finished: Promise<TraceSummary>;
  private resolve!: (s: TraceSummary) => void;
  private done = false;

  constructor(
    readonly traceId: string,
    readonly receivedAt: number,
    readonly key: GatewayKey,
    readonly spec: EndpointSpec,
    readonly url: string,
    readonly method: string,
    readonly headers: Headers,
    readonly replayOf: string | null,
  ) {
    this.finished = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Ends the trace; later calls are ignored so a request can never log twice. */
  finish(outcome: Omit<TraceOutcome, 'endedAt'>): void {
    if (this.done) return;
    this.done = true;
    this.resolve({
      traceId: this.traceId,
      receivedAt: this.receivedAt,
      key: this.key,
      spec: this.spec,
      url: this.url,
      method: this.method,
      headers: this.headers,
      req: this.req,
      model: this.model,
      requestedModel: this.requestedModel,
      matchedCount: this.matchedCount,
      balancerFallback: this.balancerFallback,
      replayOf: this.replayOf,
      failed: this.failed,
      success: this.success,
      upstream: this.upstream,
      client: this.client,
      outcome: { ...outcome, endedAt: Date.now() },
    });
  }
}
