// Owns whether a provider's successful-looking answer is really whole: what may be kept and replayed.
import { parseSse } from '../../lib/sse';
import type { WireProtocol } from '../catalogue';
import type { JsonObject, SseEvent } from '../types';
import { isObject } from './json';

function parse(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

const hasError = (json: JsonObject) => json.error !== undefined && json.error !== null;
const FINISHED = /"finish_reason"\s*:\s*"/;

/** A Chat (or legacy Completions) stream ends whole when a choice has its finish reason and nothing failed. */
function openaiStreamComplete(events: SseEvent[]): boolean {
  let finished = false;
  for (const ev of events) {
    if (ev.data.trim() === '[DONE]') continue;
    // Cheap text checks first: only the chunks that could matter are parsed.
    if (!ev.data.includes('"error"') && !FINISHED.test(ev.data)) continue;
    const chunk = parse(ev.data);
    if (!chunk || hasError(chunk)) return false;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    if (choices.some((c) => isObject(c) && typeof c.finish_reason === 'string')) finished = true;
  }
  return finished;
}

function typeOf(ev: SseEvent): string | undefined {
  if (ev.event) return ev.event;
  return parse(ev.data)?.type as string | undefined;
}

/** Anthropic ends a whole message with `message_stop`; an `error` event means it did not. */
function anthropicStreamComplete(events: SseEvent[]): boolean {
  let stopped = false;
  for (const ev of events) {
    const type = typeOf(ev);
    if (type === 'error') return false;
    if (type === 'message_stop') stopped = true;
  }
  return stopped;
}

/** Responses end with `response.completed` (or `.incomplete`, cut at max_output_tokens: still the answer). */
function responsesStreamComplete(events: SseEvent[]): boolean {
  let ended = false;
  for (const ev of events) {
    const type = typeOf(ev);
    if (type === 'error' || type === 'response.failed') return false;
    if (type === 'response.completed' || type === 'response.incomplete') ended = true;
  }
  return ended;
}

/** Gemini's last chunk carries a candidate's `finishReason`; a blocked prompt has no candidate at all. */
function geminiStreamComplete(events: SseEvent[]): boolean {
  let finished = false;
  for (const ev of events) {
    if (!ev.data.includes('"error"') && !ev.data.includes('"finishReason"')) continue;
    const chunk = parse(ev.data);
    if (!chunk || hasError(chunk)) return false;
    if (geminiFinished(chunk)) finished = true;
  }
  return finished;
}

function geminiFinished(json: JsonObject): boolean {
  const candidates = Array.isArray(json.candidates) ? json.candidates : [];
  return candidates.some((c) => isObject(c) && typeof c.finishReason === 'string');
}

/** Bedrock's binary event stream is not kept (absent here: never complete, so never stored); its JSON body is. */
const STREAM_COMPLETE: Partial<Record<WireProtocol, (events: SseEvent[]) => boolean>> = {
  openai: openaiStreamComplete,
  anthropic: anthropicStreamComplete,
  openai_responses: responsesStreamComplete,
  gemini: geminiStreamComplete,
};

const BODY_COMPLETE: Partial<Record<WireProtocol, (json: JsonObject) => boolean>> = {
  openai: (json) => Array.isArray(json.choices) || Array.isArray(json.data),
  anthropic: (json) => json.type === 'message',
  openai_responses: (json) =>
    json.status === undefined || json.status === 'completed' || json.status === 'incomplete',
  gemini: (json) => geminiFinished(json) || Array.isArray(json.embeddings),
  bedrock_converse: (json) => isObject(json.output) && typeof json.stopReason === 'string',
};

/**
 * True when a 2xx answer is whole: a stream ended by its protocol's last event with no error event on
 * the way, or a JSON body of the expected kind without an `error`. A stream cut short by a provider
 * that closed cleanly, or one carrying an error event, is not.
 */
export function isCompleteAnswer(protocol: WireProtocol, stream: boolean, text: string): boolean {
  if (stream) return STREAM_COMPLETE[protocol]?.(parseSse(text)) ?? false;
  const json = parse(text);
  return json !== null && !hasError(json) && (BODY_COMPLETE[protocol]?.(json) ?? false);
}
