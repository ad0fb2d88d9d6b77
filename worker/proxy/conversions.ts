// Owns the conversion tables: every chat-like client protocol reaches every provider protocol via Chat.
import { chatRequestToMessages } from '../protocols/anthropic/chat-to-messages-request';
import { chatResponseToMessages } from '../protocols/anthropic/chat-to-messages-response';
import { createChatToMessagesStream } from '../protocols/anthropic/chat-to-messages-stream';
import { messagesRequestToChat } from '../protocols/anthropic/messages-to-chat-request';
import { messagesResponseToChat } from '../protocols/anthropic/messages-to-chat-response';
import { createMessagesToChatStream } from '../protocols/anthropic/messages-to-chat-stream';
import { errorToMessages } from '../protocols/anthropic/upstream-to-messages-error';
import { converseResponseToChat } from '../protocols/bedrock/converse-to-chat-response';
import { createConverseToChatStream } from '../protocols/bedrock/converse-to-chat-stream';
import type { WireProtocol } from '../protocols/catalogue';
import {
  chatResponseToCompletion,
  completionsRequestToChat,
  createChatToCompletionStream,
} from '../protocols/completions';
import { chatResponseToGemini } from '../protocols/gemini/chat-to-gemini-response';
import { createChatToGeminiStream } from '../protocols/gemini/chat-to-gemini-stream';
import { geminiRequestToChat } from '../protocols/gemini/gemini-to-chat-request';
import { geminiResponseToChat } from '../protocols/gemini/gemini-to-chat-response';
import { createGeminiToChatStream } from '../protocols/gemini/gemini-to-chat-stream';
import { errorToGemini } from '../protocols/gemini/upstream-to-gemini-error';
import {
  chatRequestToResponses,
  chatResponseToResponses,
  createChatToResponsesStream,
  createResponsesToChatStream,
  responsesRequestToChat,
  responsesResponseToChat,
} from '../protocols/responses';
import type { ResponseOptions } from '../protocols/responses/chat-to-responses-response';
import {
  chatCustomToolNames,
  restoreCustomCallStream,
  restoreCustomCalls,
} from '../protocols/shared/custom-tools';
import { errorToChat } from '../protocols/shared/upstream-to-chat-error';
import type { JsonObject, SseEvent, StreamConverter } from '../protocols/types';
import { estimateInputTokens } from '../usage/estimate';
import { isUsageOnlyChunk } from '../usage/stream-usage';

/** The chat-like shapes a client speaks. */
export type ClientShape = 'chat' | 'completions' | 'messages' | 'responses' | 'gemini';

const identity = (body: JsonObject) => body;

/** What a client request says outside its body (Gemini puts the model and the stream flag in the URL). */
export interface RequestFacts {
  model: string;
  stream: boolean;
}

/** Client request → Chat. */
export const toChatRequest: Record<ClientShape, (body: JsonObject, facts: RequestFacts) => JsonObject> = {
  chat: identity,
  completions: completionsRequestToChat,
  messages: messagesRequestToChat,
  responses: responsesRequestToChat,
  gemini: (body, facts) => geminiRequestToChat(body, facts.model, facts.stream),
};

/** Provider protocols whose chat endpoint is one fixed path with the model in the body. */
export type NonGeminiProtocol = Exclude<WireProtocol, 'gemini' | 'bedrock_converse'>;

/** Chat → provider request (Gemini's needs the target model: see proxy/gemini-bridges.ts). */
export const fromChatRequest: Record<NonGeminiProtocol, (body: JsonObject) => JsonObject> = {
  openai: identity,
  anthropic: chatRequestToMessages,
  openai_responses: chatRequestToResponses,
};

/** Provider response → Chat. */
export const toChatResponse: Record<WireProtocol, (body: JsonObject) => JsonObject> = {
  openai: identity,
  anthropic: messagesResponseToChat,
  openai_responses: responsesResponseToChat,
  gemini: geminiResponseToChat,
  bedrock_converse: (body) => converseResponseToChat(body),
};

/** Chat → client response (`options` name a converted Responses answer). */
export const fromChatResponse: Record<
  ClientShape,
  (body: JsonObject, request: JsonObject, options?: ResponseOptions) => JsonObject
> = {
  chat: identity,
  completions: (body) => chatResponseToCompletion(body),
  messages: (body) => chatResponseToMessages(body),
  responses: (body, request, options) => chatResponseToResponses(body, request, options),
  gemini: (body) => chatResponseToGemini(body),
};

/** Any upstream error body → the client's envelope. */
export const clientError: Record<ClientShape, (status: number, text: string) => JsonObject> = {
  chat: errorToChat,
  completions: errorToChat,
  messages: errorToMessages,
  responses: errorToChat,
  gemini: errorToGemini,
};

/** Provider stream → Chat chunks (null: already Chat). Usage is always kept for a non-Chat client. */
export function providerToChatStream(provider: WireProtocol, includeUsage: boolean): StreamConverter | null {
  if (provider === 'anthropic') return createMessagesToChatStream({ includeUsage });
  if (provider === 'openai_responses') return createResponsesToChatStream({ includeUsage });
  if (provider === 'gemini') return createGeminiToChatStream({ includeUsage });
  if (provider === 'bedrock_converse') return createConverseToChatStream({ includeUsage, model: '' });
  return null;
}

/** Chat chunks → client stream (null: the client speaks Chat). */
export function chatToClientStream(
  client: ClientShape,
  request: JsonObject,
  options: ResponseOptions = {},
): StreamConverter | null {
  if (client === 'messages')
    return createChatToMessagesStream({ inputTokensEstimate: estimateInputTokens('anthropic', request) });
  if (client === 'responses') return createChatToResponsesStream({ request, ...options });
  if (client === 'completions') return createChatToCompletionStream();
  if (client === 'gemini') return createChatToGeminiStream();
  return null;
}

/**
 * A Chat client's freeform (`custom`) tools went to Anthropic as functions of one string: their calls
 * become `custom` calls again (body), or a stream stage that does so (null when there is nothing to do).
 */
export function customCallsBack(client: ClientShape, provider: WireProtocol, request: JsonObject) {
  const names =
    client === 'chat' && provider === 'anthropic' ? chatCustomToolNames(request) : new Set<string>();
  return {
    body: (chat: JsonObject) => restoreCustomCalls(chat, names),
    stream: names.size > 0 ? restoreCustomCallStream(names) : null,
  };
}

/** Drops the usage-only chunk the gateway asked for on behalf of a Chat client that did not. */
export function usageChunkFilter(): StreamConverter {
  return {
    push: (ev: SseEvent) => (isUsageOnlyChunk(ev.data) ? [] : [ev]),
    end: () => [],
  };
}

/** Two converters in a row; a failure is rendered by the one that speaks to the client. */
export function compose(
  first: StreamConverter | null,
  second: StreamConverter | null,
): StreamConverter | null {
  if (!first) return second;
  if (!second) return first;
  return {
    push: (ev) => first.push(ev).flatMap((e) => second.push(e)),
    end: () => [...first.end().flatMap((e) => second.push(e)), ...second.end()],
    fail: second.fail ? (message) => second.fail?.(message) ?? [] : undefined,
  };
}
