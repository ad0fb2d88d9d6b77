// Owns the Chat completion body → Responses `response` object conversion.

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
} from './output-items';
import { chatThinkingPieces } from './reasoning';
import { buildResponse } from './response-object';
import { chatUsageToResponses } from './usage';

/** One reasoning item per thinking block (signatures kept), else one from bare `reasoning_content`. */
function reasoningItems(message: JsonObject, responseId: string): JsonObject[] {
  const pieces = chatThinkingPieces(message);
  if (pieces.length > 0) {
    return pieces.map((piece, n) => reasoningItem(itemId('rs', responseId, n), piece.text, piece.encrypted));
  }
  const text = chatReasoningText(message);
  return text ? [reasoningItem(itemId('rs', responseId, 0), text, undefined)] : [];
}

/** Only the last item of a cut-off answer is unfinished; a stream closes earlier items as completed. */
function markTruncated(output: JsonObject[], status: string): void {
  const last = output.at(-1);
  if (status === 'incomplete' && last !== undefined && last.status !== undefined) last.status = 'incomplete';
}

function toolCallItems(message: JsonObject, itemStatus: string): JsonObject[] {
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
    return functionCallItem(callId, asString(fn.name, 'function.name'), args, itemStatus);
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

/**
 * Chat completion → Responses object: reasoning item (from `reasoning_content`), message item,
 * then one item per tool call. Pass the client's Responses request to echo its settings.
 */
export function chatResponseToResponses(body: JsonObject, request?: JsonObject): JsonObject {
  if (body.error !== undefined && body.choices === undefined) {
    throw new ConversionError('upstream returned an error body; render it with responsesErrorBody');
  }
  const id = responseIdFromChat(asString(body.id, 'id'));
  const choice = asObject(asArray(body.choices, 'choices')[0], 'choices[0]');
  const message = asObject(choice.message, 'choices[0].message');
  const { status, reason } = statusFromFinish(choice.finish_reason);
  const output: JsonObject[] = [];
  output.push(...reasoningItems(message, id));
  const parts = messageParts(message, choice);
  if (parts.length > 0) output.push(messageItem(itemId('msg', id, 0), parts, 'completed'));
  output.push(...toolCallItems(message, 'completed'));
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
    },
    request,
  );
}
