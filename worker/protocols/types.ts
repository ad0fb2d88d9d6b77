// Owns the shapes every protocol converter shares: JSON objects, stream converters and conversion errors.
import type { SseEvent } from '../lib/sse';

export type { SseEvent };

/** A parsed JSON object body. */
export type JsonObject = Record<string, unknown>;

/**
 * Converts one protocol's SSE stream into another's, event by event. Pure and synchronous:
 * the proxy owns the bytes, the parser and the timing.
 */
export interface StreamConverter {
  /** Converts one upstream event into zero or more client events. Throws ConversionError on bad input. */
  push(event: SseEvent): SseEvent[];
  /** The upstream ended normally; returns the closing events (e.g. `message_stop`, `[DONE]`). */
  end(): SseEvent[];
  /** Events that end the client's stream after a mid-stream failure, consistent with what was sent. */
  fail?(message: string): SseEvent[];
}

/** Thrown when an upstream body or event cannot be converted (malformed JSON, impossible shape). */
export class ConversionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConversionError';
  }
}
