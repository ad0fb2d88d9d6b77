// Owns Responses tools and tool_choice → Chat: every client-run tool becomes a Chat function (tool-table.ts names them).

import { customToolAsFunction } from '../shared/custom-tools';
import { ConversionError, type JsonObject } from '../types';
import { asArray, asObject, asString, copyPresent, optObject } from './json-fields';
import { chatToolName, offeredTools, TOOL_SEARCH } from './tool-table';

const WEB_SEARCH_TYPES = new Set([
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
]);

/** What the Responses tools of a request become on a Chat request. */
export interface ChatTools {
  tools: JsonObject[];
  webSearchOptions?: JsonObject;
}

function hostedToolError(type: string): ConversionError {
  return new ConversionError(
    `The Responses tool type '${type}' runs on OpenAI's servers and cannot be sent to a Chat Completions provider`,
  );
}

/**
 * `external_web_access: false` asks for cached results only; no Chat or Anthropic search can promise
 * that, so such a tool is dropped rather than turned into live search.
 */
function webSearchToChat(tool: JsonObject): JsonObject | undefined {
  if (tool.external_web_access === false) return undefined;
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

function functionToChat(tool: JsonObject, namespace: string | undefined): JsonObject {
  const name = asString(tool.name, 'function tool name');
  const fn: JsonObject = { name: chatToolName(name, namespace) };
  // `null` parameters/strict mean "not set" in Responses; Chat wants them absent.
  for (const key of ['description', 'parameters', 'strict']) {
    if (tool[key] !== undefined && tool[key] !== null) fn[key] = tool[key];
  }
  return { type: 'function', function: fn };
}

function customToChat(tool: JsonObject, namespace: string | undefined): JsonObject {
  const name = asString(tool.name, 'custom tool name');
  const format = optObject(tool.format, 'custom tool format');
  return customToolAsFunction(
    chatToolName(name, namespace),
    tool.description,
    format?.type === 'grammar' ? format : undefined,
  );
}

function toolSearchToChat(tool: JsonObject): JsonObject {
  const fn: JsonObject = { name: TOOL_SEARCH };
  if (typeof tool.description === 'string') fn.description = tool.description;
  fn.parameters = optObject(tool.parameters, 'tool_search.parameters') ?? {
    type: 'object',
    properties: { query: { type: 'string' } },
    required: ['query'],
  };
  return { type: 'function', function: fn };
}

/**
 * Converts every tool the request offers (`tools`, `additional_tools` items, client `tool_search_output`
 * items); hosted tools other than web search (and server-run tool search) throw ConversionError.
 */
export function responsesToolsToChat(request: JsonObject): ChatTools {
  if (request.tools !== undefined && request.tools !== null) asArray(request.tools, 'tools');
  const out: ChatTools = { tools: [] };
  const seen = new Set<string>();
  const add = (tool: JsonObject) => {
    const name = String((tool.function as JsonObject).name);
    // A tool found again (e.g. loaded twice by tool search) is offered once.
    if (!seen.has(name)) out.tools.push(tool);
    seen.add(name);
  };
  for (const { tool: raw, namespace } of offeredTools(request)) {
    const tool = asObject(raw, 'tool');
    const type = asString(tool.type, 'tool.type');
    if (type === 'function') add(functionToChat(tool, namespace));
    else if (type === 'custom') add(customToChat(tool, namespace));
    else if (type === 'tool_search' && tool.execution === 'client') add(toolSearchToChat(tool));
    else if (WEB_SEARCH_TYPES.has(type)) {
      const options = webSearchToChat(tool);
      if (options !== undefined) out.webSearchOptions = options;
    } else throw hostedToolError(type);
  }
  return out;
}

function namedToolToChat(ref: JsonObject): JsonObject {
  const name = asString(ref.name, 'tool_choice name');
  if (ref.type === 'function' || ref.type === 'custom') {
    const namespace = typeof ref.namespace === 'string' ? ref.namespace : undefined;
    return { type: 'function', function: { name: chatToolName(name, namespace) } };
  }
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
