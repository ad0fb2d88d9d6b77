// Owns the Chat completion body → Responses `response` object conversion.

import { customInputFromArguments } from '../shared/custom-tools';
import { chatReasoningText } from '../shared/thinking-blocks';
import { ConversionError, type JsonObject } from '../types';
import { contentText } from './content-parts';
import { asArray, asObject, asString, optNumber, optObject, optString } from './json-fields';
import {
  chatAnnotationToResponses,
  chatLogprobsToResponses,
  customCallItem,
  functionCallItem,
  itemId,
  messageItem,
  reasoningItem,
  responseIdFromChat,
  statusFromFinish,
  textPart,
  toolSearchArguments,
  toolSearchCallItem,
} from './output-items';
import { chatThinkingPieces, markEncrypted, wantsReasoningSummary } from './reasoning';
import { buildResponse } from './response-object';
import { type ToolTable, toolTableOf } from './tool-table';
import { chatUsageToResponses } from './usage';

/** One reasoning item per thinking block (signatures kept), else one from bare `reasoning_content`. */
function reasoningItems(
  message: JsonObject,
  responseId: string,
  asSummary: boolean,
  origin?: number,
): JsonObject[] {
  const pieces = chatThinkingPieces(message);
  if (pieces.length > 0) {
    return pieces.map((piece, n) =>
      reasoningItem(
        itemId('rs', responseId, n),
        piece.text,
        markEncrypted(piece.encrypted, origin),
        asSummary,
      ),
    );
  }
  const text = chatReasoningText(message);
  return text ? [reasoningItem(itemId('rs', responseId, 0), text, undefined, asSummary)] : [];
}

/** Only the last item of a cut-off answer is unfinished; a stream closes earlier items as completed. */
function markTruncated(output: JsonObject[], status: string): void {
  const last = output.at(-1);
  if (status === 'incomplete' && last !== undefined && last.status !== undefined) last.status = 'incomplete';
}

/** Chat tool calls → Responses call items, each under the name and kind the client's tool has (tool-table.ts). */
function toolCallItems(message: JsonObject, itemStatus: string, table: ToolTable): JsonObject[] {
  return asArray(message.tool_calls ?? [], 'message.tool_calls').map((raw) => {
    const call = asObject(raw, 'tool_call');
    const callId = asString(call.id, 'tool_call.id');
    if (call.type === 'custom') {
      const custom = asObject(call.custom, 'tool_call.custom');
      return customCallItem(
        callId,
        asString(custom.name, 'custom.name'),
        asString(custom.input, 'custom.input'),
      );
    }
    const fn = asObject(call.function, 'tool_call.function');
    const args = optString(fn.arguments, 'function.arguments') ?? '';
    const origin = table.origin(asString(fn.name, 'function.name'));
    if (origin.kind === 'custom')
      return customCallItem(callId, origin.name, customInputFromArguments(args), origin.namespace);
    if (origin.kind === 'tool_search')
      return toolSearchCallItem(callId, toolSearchArguments(args), itemStatus);
    return functionCallItem(callId, origin.name, args, itemStatus, origin.namespace);
  });
}

function messageParts(message: JsonObject, choice: JsonObject): JsonObject[] {
  const parts: JsonObject[] = [];
  // Empty text is no text: providers send `""` beside tool calls, and a stream never opens a part for it.
  const text = contentText(message.content);
  if (text !== '') {
    const annotations = asArray(message.annotations ?? [], 'message.annotations').map(
      chatAnnotationToResponses,
    );
    parts.push(textPart(text, annotations, chatLogprobsToResponses(choice.logprobs)));
  }
  const refusal = optString(message.refusal, 'message.refusal');
  if (refusal) parts.push({ type: 'refusal', refusal });
  return parts;
}

/** What the gateway decides about a converted response beyond the upstream's answer. */
export interface ResponseOptions {
  /** The response id to give the client (the gateway mints one per request, so stored ids never collide). */
  responseId?: string;
  /** The gateway stores the response (shown as `store: true`). */
  stored?: boolean;
  /** The stored response this one continues, echoed as `previous_response_id`. */
  previousResponseId?: string;
  /** The link that answered: marked on encrypted reasoning, so it comes back there (reasoning.ts). */
  reasoningOrigin?: number;
}

/**
 * Chat completion → Responses object: reasoning item (from `reasoning_content`), message item,
 * then one item per tool call. Pass the client's Responses request to echo its settings and to give
 * tool calls back the names and kinds of its tools.
 */
export function chatResponseToResponses(
  body: JsonObject,
  request?: JsonObject,
  options: ResponseOptions = {},
): JsonObject {
  if (body.error !== undefined && body.choices === undefined) {
    throw new ConversionError('upstream returned an error body; render it with responsesErrorBody');
  }
  const id = options.responseId ?? responseIdFromChat(asString(body.id, 'id'));
  const choice = asObject(asArray(body.choices, 'choices')[0], 'choices[0]');
  const message = asObject(choice.message, 'choices[0].message');
  const { status, reason } = statusFromFinish(choice.finish_reason);
  const output: JsonObject[] = [];
  output.push(...reasoningItems(message, id, wantsReasoningSummary(request), options.reasoningOrigin));
  const parts = messageParts(message, choice);
  if (parts.length > 0) output.push(messageItem(itemId('msg', id, 0), parts, 'completed'));
  output.push(...toolCallItems(message, 'completed', toolTableOf(request ?? {})));
  markTruncated(output, status);
  const usage = optObject(body.usage, 'usage');
  return buildResponse(
    {
      id,
      createdAt: optNumber(body.created, 'created') ?? 0,
      model: optString(body.model, 'model') ?? '',
      status,
      output,
      usage: usage === undefined ? undefined : chatUsageToResponses(usage),
      incompleteReason: reason,
      serviceTier: body.service_tier,
      stored: options.stored,
      previousResponseId: options.previousResponseId,
    },
    request,
  );
}
