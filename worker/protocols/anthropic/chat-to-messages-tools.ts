// Owns OpenAI Chat tools, tool_choice and parallel_tool_calls (and the legacy functions API) → Anthropic tools.

import { customToolAsFunction } from '../shared/custom-tools';
import { isObject, optionalArray, requireObject, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';

const EMPTY_SCHEMA: JsonObject = { type: 'object', properties: {} };

/** Chat `tools` (or legacy `functions`) → Anthropic tool definitions; undefined when there are none. */
export function chatToolsToAnthropic(body: JsonObject): JsonObject[] | undefined {
  const tools = optionalArray(body.tools, 'tools').map((raw, i) => {
    const tool = requireObject(raw, `tools[${i}]`);
    if (tool.type === 'custom') {
      // Anthropic has no freeform tools: a function of one string (the call is turned back on the way out).
      const custom = requireObject(tool.custom, `tools[${i}].custom`);
      const format =
        isObject(custom.format) && isObject(custom.format.grammar) ? custom.format.grammar : undefined;
      const name = str(custom.name) ?? '';
      const fn = requireObject(customToolAsFunction(name, custom.description, format).function, 'function');
      return toTool(fn, tool.cache_control);
    }
    if (tool.type !== 'function') {
      throw new ConversionError(
        `tools[${i}]: ${JSON.stringify(tool.type)} tools cannot be sent to Anthropic`,
      );
    }
    const fn = requireObject(tool.function, `tools[${i}].function`);
    // Clients that speak Anthropic caching put cache_control on the tool or on its function.
    return toTool(fn, tool.cache_control ?? fn.cache_control);
  });
  const legacy = optionalArray(body.functions, 'functions').map((raw, i) =>
    toTool(requireObject(raw, `functions[${i}]`), undefined),
  );
  const all = [...tools, ...legacy];
  return all.length > 0 ? all : undefined;
}

function toTool(fn: JsonObject, cacheControl: unknown): JsonObject {
  const name = str(fn.name);
  if (!name) throw new ConversionError('every tool needs a function name');
  const tool: JsonObject = { name };
  if (typeof fn.description === 'string') tool.description = fn.description;
  tool.input_schema = isObject(fn.parameters) ? fn.parameters : EMPTY_SCHEMA;
  if (typeof fn.strict === 'boolean') tool.strict = fn.strict;
  if (isObject(cacheControl)) tool.cache_control = cacheControl;
  return tool;
}

/**
 * Chat tool_choice + parallel_tool_calls → Anthropic tool_choice. `allowed_tools` keeps its mode but
 * not its allow-list (Anthropic has none), except that one required tool becomes a named choice.
 */
export function chatToolChoiceToAnthropic(body: JsonObject): JsonObject | undefined {
  const choice = toChoice(body.tool_choice ?? legacyChoice(body.function_call));
  if (body.parallel_tool_calls !== false) return choice;
  const base = choice ?? { type: 'auto' };
  // `none` takes no parallelism flag; Anthropic rejects it there.
  return base.type === 'none' ? base : { ...base, disable_parallel_tool_use: true };
}

function toChoice(choice: unknown): JsonObject | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  if (!isObject(choice)) throw new ConversionError('tool_choice must be a string or an object');
  if (choice.type === 'custom') {
    const name = isObject(choice.custom) ? str(choice.custom.name) : undefined;
    if (!name) throw new ConversionError('tool_choice.custom.name is required');
    return { type: 'tool', name };
  }
  if (choice.type === 'function') {
    const name = isObject(choice.function) ? str(choice.function.name) : undefined;
    if (!name) throw new ConversionError('tool_choice.function.name is required');
    return { type: 'tool', name };
  }
  if (choice.type === 'allowed_tools' && isObject(choice.allowed_tools)) {
    const allowed = optionalArray(choice.allowed_tools.tools, 'tool_choice.allowed_tools.tools');
    const required = choice.allowed_tools.mode === 'required';
    const only = allowed.length === 1 && isObject(allowed[0]) ? allowed[0] : undefined;
    const name = only && isObject(only.function) ? str(only.function.name) : undefined;
    if (required && name) return { type: 'tool', name };
    return { type: required ? 'any' : 'auto' };
  }
  throw new ConversionError(`tool_choice type ${JSON.stringify(choice.type)} cannot be sent to Anthropic`);
}

function legacyChoice(functionCall: unknown): unknown {
  if (isObject(functionCall) && typeof functionCall.name === 'string') {
    return { type: 'function', function: { name: functionCall.name } };
  }
  return functionCall;
}
