// Owns the Responses `response` object → Chat completion body conversion.
import { ConversionError, type JsonObject } from '../types';
import { asArray, asObject, asString, isObject, optNumber, optObject, optString } from './json-fields';
import { responsesAnnotationToChat } from './output-items';
import { reasoningItemText, reasoningItemToThinkingBlock } from './reasoning';
import { responsesUsageToChat } from './usage';

interface Collected {
  text: string;
  refusal: string;
  reasoning: string;
  thinkingBlocks: JsonObject[];
  annotations: JsonObject[];
  logprobs: unknown[];
  toolCalls: JsonObject[];
}

function collectMessage(item: JsonObject, into: Collected): void {
  for (const raw of asArray(item.content ?? [], 'message.content')) {
    const part = asObject(raw, 'message part');
    if (part.type === 'output_text') {
      into.text += asString(part.text, 'output_text.text');
      into.annotations.push(...asArray(part.annotations ?? [], 'annotations').map(responsesAnnotationToChat));
      into.logprobs.push(...asArray(part.logprobs ?? [], 'logprobs'));
    } else if (part.type === 'refusal') {
      into.refusal += asString(part.refusal, 'refusal.refusal');
    }
  }
}

function collect(output: unknown[]): Collected {
  const into: Collected = {
    text: '',
    refusal: '',
    reasoning: '',
    thinkingBlocks: [],
    annotations: [],
    logprobs: [],
    toolCalls: [],
  };
  for (const raw of output) {
    const item = asObject(raw, 'output item');
    const callId = () => asString(item.call_id, `${String(item.type)}.call_id`);
    const name = () => asString(item.name, `${String(item.type)}.name`);
    if (item.type === 'message') collectMessage(item, into);
    else if (item.type === 'reasoning') {
      into.reasoning += reasoningItemText(item);
      const block = reasoningItemToThinkingBlock(item);
      if (block !== undefined) into.thinkingBlocks.push(block);
    } else if (item.type === 'function_call') {
      const args = asString(item.arguments ?? '', 'function_call.arguments');
      into.toolCalls.push({ id: callId(), type: 'function', function: { name: name(), arguments: args } });
    } else if (item.type === 'custom_tool_call') {
      const input = asString(item.input ?? '', 'custom_tool_call.input');
      into.toolCalls.push({ id: callId(), type: 'custom', custom: { name: name(), input } });
    }
    // Hosted-tool records (web_search_call, …) have no Chat form; their effect is in the text.
  }
  return into;
}

/** Responses status (+ incomplete reason, + tool calls) → Chat finish_reason. */
export function finishFromStatus(response: JsonObject, sawToolCall: boolean): string {
  if (response.status === 'incomplete') {
    const reason = optObject(response.incomplete_details, 'incomplete_details')?.reason;
    return reason === 'content_filter' ? 'content_filter' : 'length';
  }
  return sawToolCall ? 'tool_calls' : 'stop';
}

function chatMessage(c: Collected): JsonObject {
  const message: JsonObject = {
    role: 'assistant',
    content: c.text !== '' || (c.toolCalls.length === 0 && c.refusal === '') ? c.text : null,
    refusal: c.refusal === '' ? null : c.refusal,
  };
  if (c.reasoning !== '') message.reasoning_content = c.reasoning;
  if (c.thinkingBlocks.length > 0) message.thinking_blocks = c.thinkingBlocks;
  if (c.toolCalls.length > 0) message.tool_calls = c.toolCalls;
  if (c.annotations.length > 0) message.annotations = c.annotations;
  return message;
}

/** Responses object → Chat completion. A `failed` response is an upstream failure, not an answer. */
export function responsesResponseToChat(body: JsonObject): JsonObject {
  if (body.status === 'failed' || (isObject(body.error) && body.output === undefined)) {
    const error = optObject(body.error, 'error');
    throw new ConversionError(`upstream response failed: ${String(error?.message ?? 'no reason given')}`);
  }
  const collected = collect(asArray(body.output, 'output'));
  const usage = optObject(body.usage, 'usage');
  const out: JsonObject = {
    id: asString(body.id, 'id'),
    object: 'chat.completion',
    created: optNumber(body.created_at, 'created_at') ?? 0,
    model: optString(body.model, 'model') ?? '',
    choices: [
      {
        index: 0,
        message: chatMessage(collected),
        logprobs: collected.logprobs.length > 0 ? { content: collected.logprobs, refusal: null } : null,
        finish_reason: finishFromStatus(body, collected.toolCalls.length > 0),
      },
    ],
  };
  if (usage !== undefined) out.usage = responsesUsageToChat(usage);
  if (body.service_tier != null) out.service_tier = body.service_tier;
  return out;
}
