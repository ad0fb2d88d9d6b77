// Owns the shapes of Responses output items and parts built from Chat data, shared by the body and stream converters.
import type { JsonObject } from '../types';
import { asArray, asObject, isObject, optString } from './json-fields';

/** Deterministic ids derived from the upstream chat id, so a stream and a body of the same answer agree. */
export function responseIdFromChat(chatId: string): string {
  return chatId.startsWith('resp_') ? chatId : `resp_${chatId.replace(/^chatcmpl-/, '')}`;
}

/** The nth item id of a kind in one response (`msg_x`, `msg_x_1`, …). */
export function itemId(prefix: 'msg' | 'rs', responseId: string, n: number): string {
  const base = responseId.replace(/^resp_/, '');
  return n === 0 ? `${prefix}_${base}` : `${prefix}_${base}_${n}`;
}

/**
 * A reasoning item from Chat reasoning: raw `reasoning_text` content, or — when the client asked for a
 * summary (`reasoning.summary`) — the text as its one summary part, which is what such clients show.
 */
export function reasoningItem(
  id: string,
  text: string,
  signature: string | undefined,
  asSummary = false,
): JsonObject {
  const item: JsonObject = asSummary
    ? { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] }
    : { id, type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text }] };
  if (signature !== undefined) item.encrypted_content = signature;
  return item;
}

export function messageItem(id: string, content: JsonObject[], status: string): JsonObject {
  return { id, type: 'message', status, role: 'assistant', content };
}

export function textPart(text: string, annotations: JsonObject[], logprobs: JsonObject[]): JsonObject {
  const part: JsonObject = { type: 'output_text', text, annotations };
  if (logprobs.length > 0) part.logprobs = logprobs;
  return part;
}

export function functionCallItem(
  callId: string,
  name: string,
  args: string,
  status: string,
  namespace?: string,
): JsonObject {
  const item: JsonObject = { id: `fc_${callId}`, type: 'function_call', status, call_id: callId, name };
  if (namespace !== undefined) item.namespace = namespace;
  item.arguments = args;
  return item;
}

export function customCallItem(callId: string, name: string, input: string, namespace?: string): JsonObject {
  const item: JsonObject = { id: `ctc_${callId}`, type: 'custom_tool_call', call_id: callId, name };
  if (namespace !== undefined) item.namespace = namespace;
  item.input = input;
  return item;
}

/** A client-run tool search the model asked for; `arguments` is the parsed JSON of the call. */
export function toolSearchCallItem(callId: string, args: unknown, status: string): JsonObject {
  return {
    id: `tsc_${callId}`,
    type: 'tool_search_call',
    status,
    execution: 'client',
    call_id: callId,
    arguments: args,
  };
}

/** A tool search's arguments as the object Responses carries; `{}` when the model wrote no valid JSON. */
export function toolSearchArguments(args: string): unknown {
  try {
    const parsed: unknown = JSON.parse(args);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Chat nests a citation under `url_citation`; Responses flattens it onto the annotation. */
export function chatAnnotationToResponses(raw: unknown): JsonObject {
  const annotation = asObject(raw, 'annotation');
  if (annotation.type !== 'url_citation' || !isObject(annotation.url_citation)) return annotation;
  return { type: 'url_citation', ...annotation.url_citation };
}

export function responsesAnnotationToChat(raw: unknown): JsonObject {
  const annotation = asObject(raw, 'annotation');
  if (annotation.type !== 'url_citation') return annotation;
  const { type, ...citation } = annotation;
  return { type, url_citation: citation };
}

function tokenBytes(entry: JsonObject): unknown {
  return Array.isArray(entry.bytes) ? entry.bytes : Array.from(new TextEncoder().encode(String(entry.token)));
}

/** Chat logprob entries → Responses ones: same fields, but `bytes` is always an array in Responses. */
export function chatLogprobsToResponses(choiceLogprobs: unknown): JsonObject[] {
  if (!isObject(choiceLogprobs) || !Array.isArray(choiceLogprobs.content)) return [];
  return asArray(choiceLogprobs.content, 'logprobs.content').map((raw) => {
    const entry = asObject(raw, 'logprob');
    const top = Array.isArray(entry.top_logprobs) ? entry.top_logprobs : [];
    return {
      token: optString(entry.token, 'logprob.token') ?? '',
      logprob: entry.logprob,
      bytes: tokenBytes(entry),
      top_logprobs: top.map((t) => {
        const alt = asObject(t, 'top_logprob');
        return { token: alt.token, logprob: alt.logprob, bytes: tokenBytes(alt) };
      }),
    };
  });
}

/** Chat finish_reason → Responses status and incomplete reason. */
export function statusFromFinish(finish: unknown): { status: string; reason?: string } {
  if (finish === 'length') return { status: 'incomplete', reason: 'max_output_tokens' };
  if (finish === 'content_filter') return { status: 'incomplete', reason: 'content_filter' };
  return { status: 'completed' };
}
