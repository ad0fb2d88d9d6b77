// Owns Anthropic `system` + `messages` → OpenAI Chat `messages` (tool results become `role:"tool"` messages).
import { isObject, requireArray, requireObject, str, stringifyToolInput } from '../shared/json';
import { toChatThinkingBlock } from '../shared/thinking-blocks';
import { ConversionError, type JsonObject } from '../types';
import { blockToChatParts, partsToContent } from './messages-to-chat-content';

/** Top-level `system` (string or text blocks) and the turns → Chat messages, system first. */
export function messagesToChatMessages(system: unknown, messages: unknown[]): JsonObject[] {
  const out: JsonObject[] = [];
  const systemContent = systemOf(system);
  if (systemContent) out.push({ role: 'system', content: systemContent });
  messages.forEach((raw, i) => {
    const path = `messages[${i}]`;
    const m = requireObject(raw, path);
    if (m.role === 'user') out.push(...userTurn(m.content, path));
    else if (m.role === 'assistant') out.push(assistantTurn(m.content, path));
    else if (m.role === 'system') out.push({ role: 'system', content: textOf(m.content, `${path}.content`) });
    else throw new ConversionError(`${path}.role ${JSON.stringify(m.role)} is not supported`);
  });
  return out;
}

/** The system prompt as one string, or as text parts when a block carries a cache marker. */
function systemOf(system: unknown): string | JsonObject[] {
  if (!Array.isArray(system) || !system.some((b) => isObject(b) && isObject(b.cache_control))) {
    return textOf(system, 'system');
  }
  return system.flatMap((b, i) => blockToChatParts(b, `system[${i}]`));
}

// Blocks are joined with a blank line.
function textOf(content: unknown, path: string): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return requireArray(content, path)
    .map((b, i) => str(requireObject(b, `${path}[${i}]`).text) ?? '')
    .filter((t) => t !== '')
    .join('\n\n');
}

/**
 * A user turn → one `tool` message per tool_result (first, as Chat requires them right after the
 * assistant's tool calls), then one user message with the rest. Chat tool messages hold text only,
 * so images and documents inside tool results move into that user message. `is_error` is dropped.
 */
function userTurn(content: unknown, path: string): JsonObject[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const tools: JsonObject[] = [];
  const parts: JsonObject[] = [];
  requireArray(content, `${path}.content`).forEach((raw, i) => {
    const blockPath = `${path}.content[${i}]`;
    const block = requireObject(raw, blockPath);
    if (block.type !== 'tool_result') {
      parts.push(...blockToChatParts(block, blockPath));
      return;
    }
    const id = str(block.tool_use_id);
    if (!id) throw new ConversionError(`${blockPath}.tool_use_id is required`);
    const result = toolResultContent(block.content, blockPath);
    tools.push({ role: 'tool', tool_call_id: id, content: result.text });
    parts.push(...result.media);
  });
  if (parts.length > 0) tools.push({ role: 'user', content: partsToContent(parts) });
  return tools;
}

function toolResultContent(content: unknown, path: string): { text: string; media: JsonObject[] } {
  if (content === undefined || content === null) return { text: '', media: [] };
  if (typeof content === 'string') return { text: content, media: [] };
  const parts = requireArray(content, `${path}.content`).flatMap((b, i) =>
    isObject(b) && b.type === 'tool_reference' ? [] : blockToChatParts(b, `${path}.content[${i}]`),
  );
  const texts = parts.filter((p) => p.type === 'text').map((p) => str(p.text) ?? '');
  return { text: texts.join('\n'), media: parts.filter((p) => p.type !== 'text') };
}

/**
 * Anthropic assistant content blocks → one Chat assistant message. Thinking travels as
 * `reasoning_content` plus signed `thinking_blocks` (see shared/thinking-blocks.ts). Server-tool
 * blocks (web search, code execution) ran on Anthropic's side and have no Chat form; they are dropped.
 * Shared by request history and non-stream responses, so both read an answer the same way.
 */
export function assistantBlocksToChat(blocks: unknown[], path: string): JsonObject {
  let text = '';
  let reasoning = '';
  const toolCalls: JsonObject[] = [];
  const thinkingBlocks: JsonObject[] = [];
  blocks.forEach((raw, i) => {
    const block = requireObject(raw, `${path}[${i}]`);
    if (block.type === 'text') text += str(block.text) ?? '';
    else if (block.type === 'tool_use') {
      const fn = { name: str(block.name) ?? '', arguments: stringifyToolInput(block.input) };
      toolCalls.push({ id: str(block.id) ?? '', type: 'function', function: fn });
    } else {
      const thinking = toChatThinkingBlock(block);
      if (!thinking) return;
      thinkingBlocks.push(thinking);
      if (thinking.type === 'thinking') reasoning += str(thinking.thinking) ?? '';
    }
  });
  const message: JsonObject = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  return message;
}

function assistantTurn(content: unknown, path: string): JsonObject {
  if (typeof content === 'string') return { role: 'assistant', content };
  return assistantBlocksToChat(requireArray(content, `${path}.content`), `${path}.content`);
}
