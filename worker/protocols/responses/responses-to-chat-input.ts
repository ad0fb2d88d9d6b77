// Owns Responses `input` (+ `instructions`) → Chat `messages`: one assistant turn's items fold into one assistant message.
import { CUSTOM_INPUT } from '../shared/custom-tools';
import { ConversionError, type JsonObject } from '../types';
import { contentText, inputPartToChat } from './content-parts';
import { asArray, asObject, asString, isObject, optString } from './json-fields';
import { reasoningItemText, reasoningItemToThinkingBlock } from './reasoning';
import { chatToolName, offeredTools, TOOL_SEARCH } from './tool-table';

/** An assistant message has said something once it has text or tool calls. */
const spoken = (m: JsonObject): boolean => m.content !== null || Array.isArray(m.tool_calls);

/**
 * Responses spreads one assistant turn over several items (reasoning, message, function calls);
 * Chat wants them on one assistant message. Tool outputs may hold images, which Chat tool
 * messages cannot: those go into a user message right after the run of tool messages.
 */
class MessageBuilder {
  readonly messages: JsonObject[] = [];
  private assistant: JsonObject | undefined;
  private media: JsonObject[] = [];

  flushAssistant(): void {
    // Chat rejects an assistant message with neither content nor tool calls (a lone reasoning item).
    if (this.assistant !== undefined && !spoken(this.assistant)) this.assistant.content = '';
    if (this.assistant !== undefined) this.messages.push(this.assistant);
    this.assistant = undefined;
  }

  flushMedia(): void {
    if (this.media.length > 0) this.messages.push({ role: 'user', content: this.media });
    this.media = [];
  }

  /** The open assistant message; a fresh one when `fresh` says the open one is already spoken. */
  openAssistant(fresh: (m: JsonObject) => boolean = () => false): JsonObject {
    if (this.assistant !== undefined && fresh(this.assistant)) this.flushAssistant();
    this.assistant ??= { role: 'assistant', content: null };
    return this.assistant;
  }

  push(message: JsonObject): void {
    this.flushAssistant();
    this.messages.push(message);
  }

  addMedia(part: JsonObject): void {
    this.media.push(part);
  }
}

function addAssistantText(b: MessageBuilder, item: JsonObject): void {
  const msg = b.openAssistant(spoken);
  const parts = typeof item.content === 'string' ? [] : asArray(item.content, 'message.content');
  const refusal = parts
    .filter((p) => isObject(p) && p.type === 'refusal')
    .map((p) => String((p as JsonObject).refusal ?? ''))
    .join('');
  msg.content = contentText(item.content);
  if (refusal !== '') msg.refusal = refusal;
}

function addToolCall(b: MessageBuilder, item: JsonObject): void {
  const msg = b.openAssistant();
  const calls = (msg.tool_calls as JsonObject[] | undefined) ?? [];
  const id = asString(item.call_id, `${String(item.type)}.call_id`);
  const namespace = optString(item.namespace, `${String(item.type)}.namespace`);
  let name: string;
  let args: string;
  if (item.type === 'tool_search_call') {
    name = TOOL_SEARCH;
    args = typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {});
  } else if (item.type === 'function_call') {
    name = chatToolName(asString(item.name, 'function_call.name'), namespace);
    args = asString(item.arguments, 'arguments');
  } else {
    // A freeform call travels as the one string argument of its function (responses-to-chat-tools.ts).
    name = chatToolName(asString(item.name, 'custom_tool_call.name'), namespace);
    args = JSON.stringify({ [CUSTOM_INPUT]: asString(item.input, 'custom_tool_call.input') });
  }
  calls.push({ id, type: 'function', function: { name, arguments: args } });
  msg.tool_calls = calls;
}

/** A client-run tool search answers with tool definitions; the model learns which tools it can now call. */
function addToolSearchOutput(b: MessageBuilder, item: JsonObject): void {
  const callId = asString(item.call_id, 'tool_search_output.call_id');
  const names = offeredTools({ tools: item.tools })
    .filter(({ tool }) => typeof tool.name === 'string')
    .map(({ tool, namespace }) => chatToolName(String(tool.name), namespace));
  const content = names.length > 0 ? `Tools now available: ${names.join(', ')}` : 'No matching tools found.';
  b.push({ role: 'tool', tool_call_id: callId, content });
}

function addReasoning(b: MessageBuilder, item: JsonObject): void {
  const msg = b.openAssistant(spoken);
  const text = reasoningItemText(item);
  msg.reasoning_content = typeof msg.reasoning_content === 'string' ? msg.reasoning_content + text : text;
  const block = reasoningItemToThinkingBlock(item);
  if (block !== undefined)
    msg.thinking_blocks = [...((msg.thinking_blocks as JsonObject[] | undefined) ?? []), block];
}

function addToolOutput(b: MessageBuilder, item: JsonObject): void {
  const callId = asString(item.call_id, `${String(item.type)}.call_id`);
  if (typeof item.output === 'string') {
    b.push({ role: 'tool', tool_call_id: callId, content: item.output });
    return;
  }
  const text: JsonObject[] = [];
  for (const raw of asArray(item.output, `${String(item.type)}.output`)) {
    const part = inputPartToChat(raw);
    if (part.type === 'text') text.push(part);
    else b.addMedia(part);
  }
  b.push({ role: 'tool', tool_call_id: callId, content: text.length > 0 ? text : '' });
}

function addMessage(b: MessageBuilder, item: JsonObject): void {
  const role = asString(item.role, 'message.role');
  if (role === 'assistant') {
    addAssistantText(b, item);
    return;
  }
  const content = typeof item.content === 'string' ? item.content : asArray(item.content, 'message.content');
  b.push({ role, content: typeof content === 'string' ? content : content.map(inputPartToChat) });
}

function addItem(b: MessageBuilder, raw: unknown): void {
  const item = asObject(raw, 'input item');
  const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
  if (type !== 'function_call_output' && type !== 'custom_tool_call_output' && type !== 'tool_search_output')
    b.flushMedia();
  switch (type) {
    case 'message':
      addMessage(b, item);
      return;
    case 'function_call':
    case 'custom_tool_call':
      addToolCall(b, item);
      return;
    case 'tool_search_call':
      // A server-run search is a record, like web_search_call; its loaded tools are offered as tools.
      if (item.execution !== 'server') addToolCall(b, item);
      return;
    case 'tool_search_output':
      if (item.execution !== 'server') addToolSearchOutput(b, item);
      return;
    case 'additional_tools':
      // Its tools join the request's tools (tool-table.ts); the item itself says nothing.
      return;
    case 'function_call_output':
    case 'custom_tool_call_output':
      addToolOutput(b, item);
      return;
    case 'reasoning':
      addReasoning(b, item);
      return;
    case 'web_search_call':
      // A record of a hosted search; its findings are already in the assistant text that follows.
      return;
    case 'item_reference':
      // The proxy replaces references with the stored items; one left here was not found.
      throw new ConversionError(
        `item_reference ${JSON.stringify(item.id)} names no stored item of this key; send the full item instead`,
      );
    default:
      throw new ConversionError(
        `Responses input item '${String(type)}' cannot be sent to a Chat Completions provider`,
      );
  }
}

/** Converts Responses `instructions` and `input` to Chat messages, in order. */
export function responsesInputToMessages(input: unknown, instructions: unknown): JsonObject[] {
  const b = new MessageBuilder();
  if (typeof instructions === 'string') b.push({ role: 'system', content: instructions });
  else if (Array.isArray(instructions)) for (const item of instructions) addItem(b, item);
  if (typeof input === 'string') b.push({ role: 'user', content: input });
  else for (const item of asArray(input ?? [], 'input')) addItem(b, item);
  b.flushMedia();
  b.flushAssistant();
  return b.messages;
}
