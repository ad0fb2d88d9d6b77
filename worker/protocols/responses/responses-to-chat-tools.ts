// Owns Responses tools and tool_choice → Chat: flat function/custom tools nest, web search becomes `web_search_options`.
import { ConversionError, type JsonObject } from '../types';
import { asArray, asObject, asString, copyPresent, optObject } from './json-fields';

const WEB_SEARCH_TYPES = new Set([
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
]);

/** What the Responses `tools` array becomes on a Chat request. */
export interface ChatTools {
  tools: JsonObject[];
  webSearchOptions?: JsonObject;
}

function hostedToolError(type: string): ConversionError {
  return new ConversionError(
    `The Responses tool type '${type}' runs on OpenAI's servers and cannot be sent to a Chat Completions provider`,
  );
}

/** Responses custom-tool grammar is flat; Chat nests it under `grammar`. */
function customFormatToChat(format: JsonObject | undefined): JsonObject | undefined {
  if (format === undefined || format.type !== 'grammar') return format;
  return { type: 'grammar', grammar: { definition: format.definition, syntax: format.syntax } };
}

function webSearchToChat(tool: JsonObject): JsonObject {
  if (tool.filters !== undefined && tool.filters !== null) {
    throw new ConversionError('web_search filters cannot be expressed on a Chat Completions provider');
  }
  const options: JsonObject = {};
  copyPresent(tool, options, ['search_context_size']);
  const location = optObject(tool.user_location, 'web_search.user_location');
  if (location !== undefined) {
    const { type, ...approximate } = location;
    options.user_location = { type: type ?? 'approximate', approximate };
  }
  return options;
}

function toolToChat(tool: JsonObject): JsonObject {
  const name = asString(tool.name, `${String(tool.type)} tool name`);
  if (tool.type === 'function') {
    const fn: JsonObject = { name };
    // `null` parameters/strict mean "not set" in Responses; Chat wants them absent.
    for (const key of ['description', 'parameters', 'strict']) {
      if (tool[key] !== undefined && tool[key] !== null) fn[key] = tool[key];
    }
    return { type: 'function', function: fn };
  }
  const custom: JsonObject = { name };
  copyPresent(tool, custom, ['description']);
  const format = customFormatToChat(optObject(tool.format, 'custom tool format'));
  if (format !== undefined) custom.format = format;
  return { type: 'custom', custom };
}

/** Converts the Responses `tools` array; hosted tools other than web search throw ConversionError. */
export function responsesToolsToChat(value: unknown): ChatTools {
  const out: ChatTools = { tools: [] };
  for (const raw of asArray(value, 'tools')) {
    const tool = asObject(raw, 'tool');
    const type = asString(tool.type, 'tool.type');
    if (type === 'function' || type === 'custom') out.tools.push(toolToChat(tool));
    else if (WEB_SEARCH_TYPES.has(type)) out.webSearchOptions = webSearchToChat(tool);
    else throw hostedToolError(type);
  }
  return out;
}

function namedToolToChat(ref: JsonObject): JsonObject {
  const name = asString(ref.name, 'tool_choice name');
  if (ref.type === 'function') return { type: 'function', function: { name } };
  if (ref.type === 'custom') return { type: 'custom', custom: { name } };
  throw hostedToolError(String(ref.type));
}

/**
 * Converts a Responses `tool_choice`. Returns undefined when the choice forces web search:
 * Chat search models always search, so there is nothing to say.
 */
export function responsesToolChoiceToChat(value: unknown): unknown {
  if (typeof value === 'string') return value;
  const choice = asObject(value, 'tool_choice');
  const type = asString(choice.type, 'tool_choice.type');
  if (WEB_SEARCH_TYPES.has(type)) return undefined;
  if (type === 'allowed_tools') {
    const tools = asArray(choice.tools, 'tool_choice.tools').map((t) => namedToolToChat(asObject(t, 'tool')));
    return { type: 'allowed_tools', allowed_tools: { mode: choice.mode, tools } };
  }
  return namedToolToChat(choice);
}
