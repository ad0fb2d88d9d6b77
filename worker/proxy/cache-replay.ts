// Owns turning a stored answer into what this client asked for: JSON or SSE, in its own protocol, by the live converters.
import type { CacheEntry } from '../cache/entry';
import { parseSse, serializeSse, splitSseEvents } from '../lib/sse';
import { chatResponseToChatStream } from '../protocols/shared/chat-response-to-chat-stream';
import { chatStreamToChatResponse } from '../protocols/shared/chat-stream-to-chat-response';
import { ConversionError, type JsonObject, type SseEvent, type StreamConverter } from '../protocols/types';
import { clientShape, selectBridge } from './bridge';
import {
  chatToClientStream,
  fromChatResponse,
  providerToChatStream,
  toChatResponse,
  usageChunkFilter,
} from './conversions';
import type { ProxyRequest } from './request';
import { responseOptions } from './responses-bodies';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What a replay sends: one JSON body, or the stream's events (one chunk per event). */
export type ReplayBody = { kind: 'json'; body: Uint8Array } | { kind: 'sse'; chunks: Uint8Array[] };

/** Chat is the hub every converter goes through; legacy Completions and embeddings bodies are not Chat. */
function readsAsChat(entry: CacheEntry): boolean {
  return entry.protocol !== 'openai' || entry.upstreamPath === '/v1/chat/completions';
}

function requestJson(req: ProxyRequest): JsonObject {
  return req.body.kind === 'json' ? req.body.json : {};
}

function run(converter: StreamConverter | null, events: SseEvent[]): SseEvent[][] {
  if (!converter) return events.map((e) => [e]);
  const out = events.map((e) => converter.push(e));
  out.push(converter.end());
  return out;
}

function encodeGroups(groups: SseEvent[][]): Uint8Array[] {
  return groups.filter((g) => g.length > 0).map((g) => encoder.encode(g.map(serializeSse).join('')));
}

/** A stored stream to a streaming client: the live path's converter, or the stored bytes event by event. */
function streamToStream(req: ProxyRequest, entry: CacheEntry, text: string): Uint8Array[] {
  const bridge = selectBridge(req.spec.id, req.spec.path, entry.protocol);
  if (!bridge) throw new ConversionError(`no way from ${entry.protocol} to ${req.spec.path}`);
  const converter = bridge.streamConverter(req);
  if (!converter) return splitSseEvents(text).map((e) => encoder.encode(e));
  return encodeGroups(run(converter, parseSse(text)));
}

/** A stored body to a JSON client: the live path's response converter (identity keeps the bytes). */
function bodyToBody(req: ProxyRequest, entry: CacheEntry, text: string): Uint8Array {
  const bridge = selectBridge(req.spec.id, req.spec.path, entry.protocol);
  if (!bridge) throw new ConversionError(`no way from ${entry.protocol} to ${req.spec.path}`);
  if (bridge.identity) return entry.body;
  return encoder.encode(JSON.stringify(bridge.convertResponse(JSON.parse(text) as JsonObject, req)));
}

/** A stored stream to a JSON client: its Chat chunks added up, then the client's response converter. */
function streamToBody(req: ProxyRequest, entry: CacheEntry, text: string): Uint8Array {
  const shape = clientShape(req.spec.id);
  if (!shape || !readsAsChat(entry)) throw new ConversionError('this stream cannot be answered as JSON');
  const chunks = run(providerToChatStream(entry.protocol, true), parseSse(text)).flat();
  const chat = chatStreamToChatResponse(chunks);
  return encoder.encode(
    JSON.stringify(fromChatResponse[shape](chat, requestJson(req), responseOptions(req))),
  );
}

/** A stored body to a streaming client: Chat chunks made from it, then the client's stream converter. */
function bodyToStream(req: ProxyRequest, entry: CacheEntry, text: string): Uint8Array[] {
  const shape = clientShape(req.spec.id);
  if (!shape || !readsAsChat(entry)) throw new ConversionError('this body cannot be streamed');
  const chat = toChatResponse[entry.protocol](JSON.parse(text) as JsonObject);
  const chunks = chatResponseToChatStream(chat);
  // The usage chunk is Chat's to keep only when asked; every other protocol needs it for its final event.
  const converter =
    shape === 'chat'
      ? req.clientAskedUsage
        ? null
        : usageChunkFilter()
      : chatToClientStream(shape, requestJson(req), responseOptions(req));
  return encodeGroups(run(converter, chunks));
}

/**
 * The answer as this request wants it, converted in full before anything is sent, so an entry that
 * cannot serve this client is a miss rather than a broken response. Throws ConversionError (or a
 * JSON SyntaxError) when it cannot.
 */
export function replayBody(req: ProxyRequest, entry: CacheEntry): ReplayBody {
  const text = decoder.decode(entry.body);
  if (req.stream) {
    const chunks = entry.stream ? streamToStream(req, entry, text) : bodyToStream(req, entry, text);
    return { kind: 'sse', chunks };
  }
  return { kind: 'json', body: entry.stream ? streamToBody(req, entry, text) : bodyToBody(req, entry, text) };
}
