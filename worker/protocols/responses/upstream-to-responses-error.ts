// Owns errors for Responses clients: every upstream error body → the OpenAI envelope, and mid-stream failure events.
import { errorToChat } from '../shared/upstream-to-chat-error';
import type { JsonObject, SseEvent } from '../types';
import { jsonEvent } from './json-fields';

/** What the caller knows about the stream it is ending, so the failure fits in with what came before. */
export interface ResponsesFailureContext {
  /** The last `response` object the client saw (from `response.created`); enables `response.failed`. */
  response?: JsonObject;
  /** The next unused `sequence_number`. */
  nextSequenceNumber?: number;
}

/**
 * Events that end a Responses stream after a mid-stream failure. The official SDK throws an
 * APIError on the `error` event, and clients that follow the response lifecycle (Codex, agents)
 * stop on `response.failed`, so both are sent when the response being ended is known. Without a
 * context only `error` is sent: a `response.failed` with a made-up id would make the SDK report
 * an identity mismatch instead of the real failure.
 */
export function responsesErrorEvents(
  message: string,
  code?: string,
  context: ResponsesFailureContext = {},
): SseEvent[] {
  const errorCode = code ?? 'server_error';
  let seq = context.nextSequenceNumber ?? 0;
  const events: SseEvent[] = [];
  if (context.response !== undefined) {
    const response = { ...context.response, status: 'failed', error: { code: errorCode, message } };
    events.push(jsonEvent({ type: 'response.failed', sequence_number: seq++, response }, 'response.failed'));
  }
  events.push(
    jsonEvent({ type: 'error', sequence_number: seq, code: errorCode, message, param: null }, 'error'),
  );
  return events;
}

/**
 * Any upstream error body → `{"error":{message,type,code,param}}`. Responses answers errors in the
 * very envelope Chat uses (the SDKs share one APIError parser), so this is the Chat translation.
 */
export function responsesErrorBody(status: number, bodyText: string): JsonObject {
  return errorToChat(status, bodyText);
}
