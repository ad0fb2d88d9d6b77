// Owns Gemini generateContent request → OpenAI Chat request: generation config, tools and thinking.
//
// Dropped, with no Chat counterpart: safetySettings, cachedContent, responseModalities, speechConfig,
// mediaResolution, labels. Code execution and URL-context tools are refused (another provider would
// answer without them).
import { isObject, num, optionalArray, requireObject, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';
import { geminiContentsToChat } from './gemini-to-chat-contents';
import { geminiSchemaToJson } from './schema';

/** Gemini request → Chat. The model and the stream flag come from the URL. */
export function geminiRequestToChat(body: JsonObject, model: string, stream: boolean): JsonObject {
  const out: JsonObject = { model, messages: geminiContentsToChat(body) };
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  const max = num(config.maxOutputTokens);
  if (max !== undefined) out.max_completion_tokens = max;
  const pairs: Array<[string, string]> = [
    ['temperature', 'temperature'],
    ['topP', 'top_p'],
    ['topK', 'top_k'],
    ['seed', 'seed'],
    ['presencePenalty', 'presence_penalty'],
    ['frequencyPenalty', 'frequency_penalty'],
    ['candidateCount', 'n'],
  ];
  for (const [from, to] of pairs) {
    const value = num(config[from]);
    if (value !== undefined) out[to] = value;
  }
  if (Array.isArray(config.stopSequences) && config.stopSequences.length > 0) out.stop = config.stopSequences;
  const format = responseFormat(config);
  if (format) out.response_format = format;
  const effort = effortOf(config.thinkingConfig);
  if (effort) out.reasoning_effort = effort;
  const tools = toolsOf(body.tools);
  if (tools.functions.length > 0) {
    out.tools = tools.functions;
    const choice = toolChoiceOf(body.toolConfig);
    if (choice) out.tool_choice = choice;
  }
  if (tools.search) out.web_search_options = {};
  if (stream) out.stream = true;
  return out;
}

function responseFormat(config: JsonObject): JsonObject | undefined {
  if (config.responseMimeType !== 'application/json') return undefined;
  const schema =
    config.responseJsonSchema ??
    (config.responseSchema ? geminiSchemaToJson(config.responseSchema) : undefined);
  if (!isObject(schema)) return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: 'response', schema } };
}

/** Gemini thinking → an OpenAI effort: a budget by size, a level by name, 0 → none, -1 (dynamic) → medium. */
function effortOf(thinking: unknown): string | undefined {
  if (!isObject(thinking)) return undefined;
  const level = str(thinking.thinkingLevel)?.toLowerCase();
  if (level === 'minimal' || level === 'low' || level === 'medium' || level === 'high') return level;
  const budget = num(thinking.thinkingBudget);
  if (budget === 0) return 'none';
  if (budget === undefined || budget < 0)
    return thinking.includeThoughts === true || budget === -1 ? 'medium' : undefined;
  return budget <= 1024 ? 'low' : budget <= 8192 ? 'medium' : 'high';
}

function toolsOf(tools: unknown): { functions: JsonObject[]; search: boolean } {
  const functions: JsonObject[] = [];
  let search = false;
  optionalArray(tools, 'tools').forEach((raw, i) => {
    const tool = requireObject(raw, `tools[${i}]`);
    for (const [j, decl] of optionalArray(
      tool.functionDeclarations,
      `tools[${i}].functionDeclarations`,
    ).entries()) {
      const d = requireObject(decl, `tools[${i}].functionDeclarations[${j}]`);
      const fn: JsonObject = { name: str(d.name) ?? '' };
      if (typeof d.description === 'string') fn.description = d.description;
      const parameters =
        d.parametersJsonSchema ?? (d.parameters ? geminiSchemaToJson(d.parameters) : undefined);
      fn.parameters = isObject(parameters) ? parameters : { type: 'object', properties: {} };
      functions.push({ type: 'function', function: fn });
    }
    if (tool.googleSearch !== undefined || tool.googleSearchRetrieval !== undefined) search = true;
    const other = Object.keys(tool).filter(
      (k) => !['functionDeclarations', 'googleSearch', 'googleSearchRetrieval'].includes(k),
    );
    if (other.length > 0)
      throw new ConversionError(`tools[${i}]: ${other.join(', ')} cannot be sent to this provider`);
  });
  return { functions, search };
}

function toolChoiceOf(toolConfig: unknown): unknown {
  const config =
    isObject(toolConfig) && isObject(toolConfig.functionCallingConfig)
      ? toolConfig.functionCallingConfig
      : undefined;
  if (!config) return undefined;
  const names = Array.isArray(config.allowedFunctionNames) ? config.allowedFunctionNames : [];
  switch (config.mode) {
    case 'NONE':
      return 'none';
    case 'ANY':
    case 'VALIDATED':
      return names.length === 1 && typeof names[0] === 'string'
        ? { type: 'function', function: { name: names[0] } }
        : 'required';
    default:
      return 'auto';
  }
}
