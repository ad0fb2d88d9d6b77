// Owns Chat tools and tool_choice → Responses: nested function/custom tools flatten, `web_search_options` becomes a tool.
import { ConversionError, type JsonObject } from '../types';
import { asArray, asObject, asString, copyPresent, optObject } from './json-fields';

function customFormatToResponses(format: JsonObject | undefined): JsonObject | undefined {
  if (format === undefined || format.type !== 'grammar') return format;
  const grammar = asObject(format.grammar, 'custom tool grammar');
  return { type: 'grammar', definition: grammar.definition, syntax: grammar.syntax };
}

function toolToResponses(tool: JsonObject): JsonObject {
  if (tool.type === 'function') {
    const fn = asObject(tool.function, 'tool.function');
    const out: JsonObject = { type: 'function', name: asString(fn.name, 'function name') };
    copyPresent(fn, out, ['description', 'parameters']);
    // Chat functions are non-strict unless asked; say so, because Responses may default to strict.
    out.strict = fn.strict ?? false;
    return out;
  }
  if (tool.type === 'custom') {
    const custom = asObject(tool.custom, 'tool.custom');
    const out: JsonObject = { type: 'custom', name: asString(custom.name, 'custom tool name') };
    copyPresent(custom, out, ['description']);
    const format = customFormatToResponses(optObject(custom.format, 'custom tool format'));
    if (format !== undefined) out.format = format;
    return out;
  }
  throw new ConversionError(`Chat tool type '${String(tool.type)}' cannot be sent to a Responses provider`);
}

/** Legacy Chat `functions` are plain function definitions. */
function legacyFunctionToResponses(fn: JsonObject): JsonObject {
  return toolToResponses({ type: 'function', function: fn });
}

/** Chat `web_search_options` → a Responses `web_search` tool. */
function webSearchToResponses(options: JsonObject): JsonObject {
  const tool: JsonObject = { type: 'web_search' };
  copyPresent(options, tool, ['search_context_size']);
  const location = optObject(options.user_location, 'web_search_options.user_location');
  if (location !== undefined) {
    tool.user_location = {
      type: location.type ?? 'approximate',
      ...(optObject(location.approximate, 'user_location.approximate') ?? {}),
    };
  }
  return tool;
}

/** Converts Chat `tools` (+ legacy `functions`, + `web_search_options`) to the Responses `tools` array. */
export function chatToolsToResponses(body: JsonObject): JsonObject[] | undefined {
  const tools: JsonObject[] = [];
  for (const raw of asArray(body.tools ?? [], 'tools')) tools.push(toolToResponses(asObject(raw, 'tool')));
  for (const raw of asArray(body.functions ?? [], 'functions')) {
    tools.push(legacyFunctionToResponses(asObject(raw, 'function')));
  }
  const search = optObject(body.web_search_options, 'web_search_options');
  if (search !== undefined) tools.push(webSearchToResponses(search));
  return tools.length > 0 ? tools : undefined;
}

function namedToolToResponses(ref: JsonObject): JsonObject {
  if (ref.type === 'function') {
    const fn = asObject(ref.function, 'tool_choice.function');
    return { type: 'function', name: asString(fn.name, 'tool_choice function name') };
  }
  if (ref.type === 'custom') {
    const custom = asObject(ref.custom, 'tool_choice.custom');
    return { type: 'custom', name: asString(custom.name, 'tool_choice custom name') };
  }
  throw new ConversionError(
    `Chat tool_choice type '${String(ref.type)}' cannot be sent to a Responses provider`,
  );
}

/** Converts Chat `tool_choice` (or legacy `function_call`) to the Responses form. */
export function chatToolChoiceToResponses(body: JsonObject): unknown {
  const value = body.tool_choice ?? body.function_call;
  if (value === undefined || typeof value === 'string') return value;
  const choice = asObject(value, 'tool_choice');
  // Legacy `function_call: {name}` has no type.
  if (choice.type === undefined && typeof choice.name === 'string')
    return { type: 'function', name: choice.name };
  if (choice.type === 'allowed_tools') {
    const allowed = asObject(choice.allowed_tools, 'tool_choice.allowed_tools');
    const tools = asArray(allowed.tools, 'allowed_tools.tools').map((t) =>
      namedToolToResponses(asObject(t, 'allowed tool')),
    );
    return { type: 'allowed_tools', mode: allowed.mode, tools };
  }
  return namedToolToResponses(choice);
}
