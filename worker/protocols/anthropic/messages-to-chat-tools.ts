// Owns Anthropic tools and tool_choice → OpenAI Chat tools, tool_choice and parallel_tool_calls.
import { isObject, optionalArray, requireObject, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';

/**
 * Anthropic client tools → Chat function tools. Server tools (web_search, code_execution, bash,
 * text editor, …) run inside Anthropic and mean nothing to a Chat provider; they are dropped
 * rather than failing the request. `cache_control` and other Anthropic-only tool fields are dropped.
 */
export function toolsToChat(tools: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  optionalArray(tools, 'tools').forEach((raw, i) => {
    const tool = requireObject(raw, `tools[${i}]`);
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') return;
    const name = str(tool.name);
    if (!name) throw new ConversionError(`tools[${i}].name is required`);
    const fn: JsonObject = { name };
    if (typeof tool.description === 'string') fn.description = tool.description;
    fn.parameters = isObject(tool.input_schema) ? tool.input_schema : { type: 'object', properties: {} };
    if (typeof tool.strict === 'boolean') fn.strict = tool.strict;
    out.push({ type: 'function', function: fn });
  });
  return out;
}

/** Anthropic tool_choice → Chat `tool_choice` and `parallel_tool_calls` (set only when they say something). */
export function toolChoiceToChat(choice: unknown): JsonObject {
  if (choice === undefined || choice === null) return {};
  const c = requireObject(choice, 'tool_choice');
  const out: JsonObject = {};
  if (c.type === 'auto') out.tool_choice = 'auto';
  else if (c.type === 'none') out.tool_choice = 'none';
  else if (c.type === 'any') out.tool_choice = 'required';
  else if (c.type === 'tool') {
    const name = str(c.name);
    if (!name) throw new ConversionError('tool_choice.name is required');
    out.tool_choice = { type: 'function', function: { name } };
  } else throw new ConversionError(`tool_choice type ${JSON.stringify(c.type)} is not supported`);
  if (c.disable_parallel_tool_use === true) out.parallel_tool_calls = false;
  return out;
}
