// Owns the shape of a bridge: how one client endpoint reaches one provider protocol (URL, body, converters).
import type { JsonObject, StreamConverter } from '../protocols/types';
import type { Candidate } from '../routing/types';
import type { ProxyRequest } from './request';

export interface PreparedBody {
  body: string | FormData;
  contentType: string | null;
  /** What the log stores as the converted request (null when identical to the client's). */
  converted: string | null;
  /** Changes made so the target model accepts the request (clamped or dropped fields), for the log. */
  adjustments?: string[];
}

export interface Bridge {
  /** Where the attempt goes (a protocol that carries the model or the method in its URL builds it here). */
  url(req: ProxyRequest, candidate: Candidate): string;
  /** Same protocol: bytes pass through and only §4.1 mutations apply. */
  identity: boolean;
  /** The upstream body; may look up gateway state (signatures the client did not send back). */
  prepare(req: ProxyRequest, candidate: Candidate): PreparedBody | Promise<PreparedBody>;
  /**
   * Converts a successful non-stream upstream JSON body for the client. The link may be absent (a
   * cached answer is replayed with no link at hand).
   */
  convertResponse(json: JsonObject, req: ProxyRequest, candidate?: Candidate): JsonObject;
  /**
   * A converter for streamed events, or null to pass bytes through. The target's protocol decides; the
   * link may be absent (a cached answer is replayed with no link at hand).
   */
  streamConverter(req: ProxyRequest, candidate?: Candidate): StreamConverter | null;
  /** Translates an upstream error body into the client's envelope, or null to relay it unchanged. */
  convertError(status: number, text: string): JsonObject | null;
}
