// Shared shapes of the mock upstream: settings, parsed requests, routes and the replies they build.
import type { IncomingHttpHeaders } from 'node:http';
import type { CacheTracker } from './content.ts';
import type { Fault } from './faults.ts';

/** Protocol whose error and stream shapes a route answers in. */
export type Protocol = 'openai' | 'anthropic' | 'responses' | 'gemini' | 'bedrock';

/** Size and pacing of generated replies; server-wide defaults, overridable per request. */
export interface Settings {
  /** Wait before the first byte of any reply. */
  delayMs: number;
  /** Pad reply text to about this many characters; 0 keeps the bare echo. */
  responseBytes: number;
  /** Number of content deltas a stream carries. */
  chunks: number;
  /** Wait between streamed deltas. */
  chunkGapMs: number;
}

/** One request as the server read it; body is kept byte-exact for recording. */
export interface MockRequest {
  method: string;
  /** Path and query exactly as sent (what a signature covers). */
  url: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  provider: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** Parsed JSON body when the body was JSON. */
  json: Record<string, unknown> | undefined;
  /** Parsed multipart form when the body was multipart. */
  form: FormData | undefined;
}

/** What a route needs besides the request to build its reply. */
export interface RunContext {
  req: MockRequest;
  settings: Settings;
  /** Per-server sequence number that makes ids unique and deterministic. */
  seq: number;
  /** `http://host:port` of this server, for URLs in replies. */
  origin: string;
  cache: CacheTracker;
}

/** A route's view of a request before faults are applied: model and prompt feed the fault grammar. */
export interface Prepared {
  model: string;
  prompt: string;
  run(ctx: RunContext): Reply | Promise<Reply>;
}

export interface Route {
  /** Endpoint path after the provider prefix and `/v1`, e.g. `chat/completions`. */
  path: string;
  method: 'GET' | 'POST';
  protocol: Protocol;
  /** Picks between routes sharing a path (OpenAI and Anthropic `models`). */
  accepts?(headers: IncomingHttpHeaders): boolean;
  /** Validates and parses the request; throws UpstreamError for a bad request. */
  prepare(req: MockRequest): Prepared;
}

/** One pre-built SSE frame; paced frames wait `chunkGapMs` before being written. */
export interface SseFrame {
  /** SSE text, or a binary AWS event-stream frame. */
  text: string | Buffer;
  paced: boolean;
}

export type Reply =
  | { kind: 'json'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'bytes'; status: number; contentType: string; body: Buffer | string }
  | { kind: 'sse'; frames: SseFrame[]; contentType?: string };

/** A reply written in one go, as opposed to a stream. */
export type WholeReply = Exclude<Reply, { kind: 'sse' }>;

export type { Fault };
