// Owns Chat `messages` → Responses `input` items: an assistant message unfolds into reasoning, message and call items.
import { ConversionError, type JsonObject } from '../types';
import { chatPartToInput, contentText } from './content-parts';
import { asArray, asObject, asString } from './json-fields';
import { chatThinkingPieces } from './reasoning';

function userLike(role: string, message: JsonObject): JsonObject {
  const content = message.content;
  if (typeof content === 'string') return { type: 'message', role, content };
  return { type: 'message', role, content: asArray(content, `${role} content`).map(chatPartToInput) };
}

/**
 * Only signed reasoning (`thinking_blocks`) is replayed: OpenAI resolves a reasoning item without
 * `encrypted_content` by its id from storage, so one rebuilt from bare `reasoning_content` would be
 * rejected. The text goes back as a summary, which is what OpenAI handed out in the first place.
 */
function reasoningItems(message: JsonObject, index: number): JsonObject[] {
  return chatThinkingPieces(message)
    .filter((piece) => piece.encrypted !== undefined)
    .map((piece, n) => ({
      type: 'reasoning',
      id: `rs_${index}_${n}`,
      summary: piece.text ? [{ type: 'summary_text', text: piece.text }] : [],
      encrypted_content: piece.encrypted,
    }));
}

function toolCallItem(raw: unknown, customIds: Set<string>): JsonObject {
  const call = asObject(raw, 'tool_call');
  const id = asString(call.id, 'tool_call.id');
  if (call.type === 'custom') {
    const custom = asObject(call.custom, 'tool_call.custom');
    customIds.add(id);
    return {
      type: 'custom_tool_call',
      call_id: id,
      name: asString(custom.name, 'custom name'),
      input: asString(custom.input, 'custom input'),
    };
  }
  const fn = asObject(call.function, 'tool_call.function');
  return {
    type: 'function_call',
    call_id: id,
    name: asString(fn.name, 'function name'),
    arguments: asString(fn.arguments ?? '', 'function arguments'),
  };
}

function assistantItems(message: JsonObject, index: number, customIds: Set<string>): JsonObject[] {
  const items = reasoningItems(message, index);
  const text = contentText(message.content) || (typeof message.refusal === 'string' ? message.refusal : '');
  if (text !== '') items.push({ type: 'message', role: 'assistant', content: text });
  for (const call of asArray(message.tool_calls ?? [], 'tool_calls'))
    items.push(toolCallItem(call, customIds));
  return items;
}

function toolOutputItem(message: JsonObject, customIds: Set<string>): JsonObject {
  const callId = asString(message.tool_call_id, 'tool message tool_call_id');
  const content = message.content;
  const output =
    typeof content === 'string' ? content : asArray(content, 'tool message content').map(chatPartToInput);
  const type = customIds.has(callId) ? 'custom_tool_call_output' : 'function_call_output';
  return { type, call_id: callId, output };
}

/** Converts Chat messages to Responses input items, in order. */
export function chatMessagesToInput(messages: unknown): JsonObject[] {
  const customIds = new Set<string>();
  const items: JsonObject[] = [];
  asArray(messages, 'messages').forEach((raw, index) => {
    const message = asObject(raw, 'message');
    const role = asString(message.role, 'message.role');
    if (role === 'system' || role === 'developer' || role === 'user') items.push(userLike(role, message));
    else if (role === 'assistant') items.push(...assistantItems(message, index, customIds));
    else if (role === 'tool') items.push(toolOutputItem(message, customIds));
    else throw new ConversionError(`Chat message role '${role}' cannot be sent to a Responses provider`);
  });
  return items;
}
