// Accumulates converted streams into whole messages the way the official SDKs do, for equivalence tests.
import { isObject, parseToolArguments } from '../../../../worker/protocols/shared/json';
import type { JsonObject, SseEvent } from '../../../../worker/protocols/types';

interface ChatToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

/**
 * Chat chunks → the completion an OpenAI SDK stream helper would assemble (choice 0). Like the SDK,
 * any string `content` (even the role chunk's `""`) makes the content a string; none leaves it null.
 */
export function accumulateChat(events: SseEvent[]): JsonObject {
  const message: JsonObject = { role: 'assistant', content: null };
  const calls: ChatToolCall[] = [];
  const thinkingBlocks: unknown[] = [];
  let reasoning = '';
  let finish: unknown = null;
  let usage: unknown;
  for (const event of events) {
    if (event.data === '[DONE]') continue;
    const chunk = JSON.parse(event.data) as JsonObject;
    if (isObject(chunk.usage)) usage = chunk.usage;
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!isObject(choice)) continue;
    const delta = isObject(choice.delta) ? choice.delta : {};
    if (typeof delta.content === 'string')
      message.content = `${(message.content as string | null) ?? ''}${delta.content}`;
    if (typeof delta.reasoning_content === 'string') reasoning += delta.reasoning_content;
    if (Array.isArray(delta.thinking_blocks)) thinkingBlocks.push(...delta.thinking_blocks);
    for (const raw of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      const tc = raw as JsonObject & { index: number; function?: { name?: string; arguments?: string } };
      const call = calls[tc.index] ?? { id: '', type: 'function', function: { name: '', arguments: '' } };
      calls[tc.index] = call;
      if (typeof tc.id === 'string') call.id = tc.id;
      if (tc.function?.name) call.function.name = tc.function.name;
      call.function.arguments += tc.function?.arguments ?? '';
    }
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) finish = choice.finish_reason;
  }
  if (calls.length > 0) message.tool_calls = calls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  return { message, finish_reason: finish, usage };
}

/** Anthropic events → the Message the Anthropic SDK's MessageStream would assemble. */
export function accumulateMessages(events: SseEvent[]): JsonObject {
  let message: JsonObject = {};
  const content: JsonObject[] = [];
  const partialJson = new Map<number, string>();
  for (const event of events) {
    const data = JSON.parse(event.data) as JsonObject;
    const index = typeof data.index === 'number' ? data.index : -1;
    if (data.type === 'message_start' && isObject(data.message)) message = { ...data.message };
    if (data.type === 'content_block_start' && isObject(data.content_block))
      content[index] = { ...data.content_block };
    if (data.type === 'content_block_delta' && isObject(data.delta)) {
      const block = content[index] as JsonObject;
      const d = data.delta;
      if (d.type === 'text_delta') block.text = `${block.text as string}${d.text as string}`;
      if (d.type === 'thinking_delta') block.thinking = `${block.thinking as string}${d.thinking as string}`;
      if (d.type === 'signature_delta') block.signature = d.signature;
      if (d.type === 'input_json_delta')
        partialJson.set(index, (partialJson.get(index) ?? '') + (d.partial_json as string));
    }
    if (data.type === 'message_delta' && isObject(data.delta)) {
      message.stop_reason = data.delta.stop_reason;
      message.stop_sequence = data.delta.stop_sequence;
      message.usage = { ...(message.usage as JsonObject), ...(data.usage as JsonObject) };
    }
  }
  for (const [index, json] of partialJson) (content[index] as JsonObject).input = parseToolArguments(json);
  return { ...message, content };
}
