// Owns OpenAI Chat `messages` → Anthropic `system` + alternating `messages` (tool results grouped into user turns).

import { CUSTOM_INPUT } from '../shared/custom-tools';
import { isObject, parseToolArguments, requireObject, str } from '../shared/json';
import { toAnthropicThinkingBlock } from '../shared/thinking-blocks';
import { ConversionError, type JsonObject } from '../types';
import { chatContentToBlocks, markLastBlock } from './chat-to-messages-content';

interface Turn {
  role: 'user' | 'assistant';
  content: JsonObject[];
}

export interface AnthropicConversation {
  system?: string | JsonObject[];
  messages: JsonObject[];
}

/**
 * System and developer messages, wherever they sit, become the top-level `system` in order. `name`
 * fields are dropped: Anthropic has no speaker names. Consecutive same-role turns are merged.
 */
export function chatMessagesToAnthropic(messages: unknown[]): AnthropicConversation {
  const system: JsonObject[] = [];
  const turns: Turn[] = [];
  const legacy = new LegacyFunctionIds();
  messages.forEach((raw, i) => {
    const path = `messages[${i}]`;
    const { role, blocks } = convertMessage(requireObject(raw, path), path, legacy);
    if (role === 'system') system.push(...blocks);
    else pushTurn(turns, role, blocks);
  });
  if (system.some((b) => b.type !== 'text')) {
    throw new ConversionError('system and developer messages can only hold text for Anthropic');
  }
  const out: AnthropicConversation = { messages: turns.map(finishTurn) };
  if (system.length === 1 && system[0]?.cache_control === undefined) out.system = str(system[0]?.text);
  else if (system.length > 0) out.system = system;
  return out;
}

function convertMessage(
  m: JsonObject,
  path: string,
  legacy: LegacyFunctionIds,
): { role: Turn['role'] | 'system'; blocks: JsonObject[] } {
  switch (m.role) {
    case 'system':
    case 'developer':
      return {
        role: 'system',
        blocks: withMessageCache(chatContentToBlocks(m.content, `${path}.content`), m),
      };
    case 'user':
      return { role: 'user', blocks: withMessageCache(chatContentToBlocks(m.content, `${path}.content`), m) };
    case 'assistant':
      return { role: 'assistant', blocks: withMessageCache(assistantBlocks(m, path, legacy), m) };
    case 'tool':
      return { role: 'user', blocks: [toolResult(str(m.tool_call_id), m, path)] };
    case 'function':
      return { role: 'user', blocks: [toolResult(legacy.resultId(str(m.name)), m, path)] };
    default:
      throw new ConversionError(`${path}.role ${JSON.stringify(m.role)} is not supported`);
  }
}

function withMessageCache(blocks: JsonObject[], m: JsonObject): JsonObject[] {
  markLastBlock(blocks, m.cache_control);
  return blocks;
}

function pushTurn(turns: Turn[], role: Turn['role'], blocks: JsonObject[]): void {
  if (blocks.length === 0) return; // Anthropic rejects empty turns; the neighbours merge instead.
  const last = turns.at(-1);
  if (last && last.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

function finishTurn(turn: Turn): JsonObject {
  // Anthropic wants tool results first in a user turn; keep everything else in order after them.
  const results = turn.content.filter((b) => b.type === 'tool_result');
  const rest = turn.content.filter((b) => b.type !== 'tool_result');
  const content = [...results, ...rest];
  const only = content[0];
  if (content.length === 1 && only?.type === 'text' && Object.keys(only).length === 2) {
    return { role: turn.role, content: only.text };
  }
  return { role: turn.role, content };
}

function assistantBlocks(m: JsonObject, path: string, legacy: LegacyFunctionIds): JsonObject[] {
  const blocks: JsonObject[] = [];
  // Thinking goes first, as Anthropic requires; unsigned reasoning_content cannot be replayed.
  if (Array.isArray(m.thinking_blocks)) {
    for (const entry of m.thinking_blocks) {
      const block = toAnthropicThinkingBlock(entry, true);
      if (block) blocks.push(block);
    }
  }
  blocks.push(...chatContentToBlocks(m.content, `${path}.content`));
  if (Array.isArray(m.tool_calls)) {
    m.tool_calls.forEach((call, j) => {
      blocks.push(toolUse(call, `${path}.tool_calls[${j}]`));
    });
  }
  if (isObject(m.function_call)) {
    const name = str(m.function_call.name) ?? '';
    const input = parseToolArguments(m.function_call.arguments);
    blocks.push({ type: 'tool_use', id: legacy.callId(name), name, input });
  }
  return blocks;
}

function toolUse(call: unknown, path: string): JsonObject {
  const c = requireObject(call, path);
  if (c.type === 'custom') {
    const custom = requireObject(c.custom, `${path}.custom`);
    const id = str(c.id);
    if (!id) throw new ConversionError(`${path}.id is required`);
    return {
      type: 'tool_use',
      id,
      name: str(custom.name) ?? '',
      input: { [CUSTOM_INPUT]: str(custom.input) ?? '' },
    };
  }
  if (c.type !== undefined && c.type !== 'function') {
    throw new ConversionError(`${path}: ${JSON.stringify(c.type)} tool calls cannot be sent to Anthropic`);
  }
  const fn = requireObject(c.function, `${path}.function`);
  const id = str(c.id);
  if (!id) throw new ConversionError(`${path}.id is required`);
  return { type: 'tool_use', id, name: str(fn.name) ?? '', input: parseToolArguments(fn.arguments) };
}

function toolResult(id: string | undefined, m: JsonObject, path: string): JsonObject {
  if (!id) throw new ConversionError(`${path}.tool_call_id is required`);
  const block: JsonObject = { type: 'tool_result', tool_use_id: id };
  if (typeof m.content === 'string') {
    if (m.content !== '') block.content = m.content;
  } else {
    const content = chatContentToBlocks(m.content, `${path}.content`);
    if (content.length > 0) block.content = content;
  }
  if (isObject(m.cache_control)) block.cache_control = m.cache_control;
  return block;
}

/** Legacy `function_call` / `role:"function"` messages carry no ids; pair them by name, in order. */
class LegacyFunctionIds {
  private count = 0;
  private open: Array<{ name: string; id: string }> = [];

  callId(name: string): string {
    const id = `call_legacy_${this.count++}`;
    this.open.push({ name, id });
    return id;
  }

  resultId(name: string | undefined): string | undefined {
    const at = this.open.findIndex((o) => o.name === name);
    const found = at === -1 ? this.open.shift() : this.open.splice(at, 1)[0];
    return found?.id;
  }
}
