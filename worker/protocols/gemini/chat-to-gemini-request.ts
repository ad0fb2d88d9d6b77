// Owns OpenAI Chat request → Gemini generateContent request: generation config, tools, thinking.
//
// The model and the stream flag travel in the URL, not the body. Dropped, with no Gemini counterpart:
// logit_bias, logprobs/top_logprobs, parallel_tool_calls (Gemini decides), user/metadata, store,
// service_tier, prompt_cache_*, modalities/audio, prediction, stream_options (Gemini streams always
// carry usage). n > 1 and hosted tools other than web search are refused.
import { isObject, num, optionalArray, requireArray, requireObject, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';
import { chatMessagesToGemini } from './chat-to-gemini-contents';

export interface ChatToGeminiOptions {
  /** The target model: Gemini 3 takes a thinking level, earlier models a token budget. */
  targetModel?: string;
  /** Signatures the gateway kept for tool calls whose signature the client did not send back. */
  recalled?: ReadonlyMap<string, string>;
}

/** OpenAI Chat request → Gemini `GenerateContentRequest`. */
export function chatRequestToGemini(body: JsonObject, opts: ChatToGeminiOptions = {}): JsonObject {
  const { systemInstruction, contents } = chatMessagesToGemini(
    requireArray(body.messages, 'messages'),
    opts.recalled,
  );
  const out: JsonObject = { contents };
  if (systemInstruction) out.systemInstruction = systemInstruction;
  const tools = toolsOf(body);
  if (tools.length > 0) out.tools = tools;
  const toolConfig = toolConfigOf(body.tool_choice);
  if (toolConfig && tools.length > 0) out.toolConfig = toolConfig;
  const config = generationConfig(body, opts.targetModel ?? str(body.model) ?? '');
  if (Object.keys(config).length > 0) out.generationConfig = config;
  return out;
}

function generationConfig(body: JsonObject, model: string): JsonObject {
  const config: JsonObject = {};
  const max = num(body.max_completion_tokens) ?? num(body.max_tokens);
  if (max !== undefined) config.maxOutputTokens = max;
  const pairs: Array<[string, string]> = [
    ['temperature', 'temperature'],
    ['top_p', 'topP'],
    ['top_k', 'topK'],
    ['seed', 'seed'],
    ['presence_penalty', 'presencePenalty'],
    ['frequency_penalty', 'frequencyPenalty'],
  ];
  for (const [from, to] of pairs) {
    const value = num(body[from]);
    if (value !== undefined) config[to] = value;
  }
  const n = num(body.n);
  if (n !== undefined && n > 1) throw new ConversionError('n > 1 cannot be converted for Gemini');
  const stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (Array.isArray(stop) && stop.length > 0)
    config.stopSequences = stop.filter((s) => typeof s === 'string');
  applyFormat(body.response_format, config);
  const thinking = thinkingConfig(body, model);
  if (thinking) config.thinkingConfig = thinking;
  return config;
}

function applyFormat(format: unknown, config: JsonObject): void {
  if (!isObject(format) || format.type === 'text') return;
  config.responseMimeType = 'application/json';
  if (format.type === 'json_schema' && isObject(format.json_schema) && isObject(format.json_schema.schema)) {
    config.responseJsonSchema = format.json_schema.schema;
  }
}

const BUDGETS: Readonly<Record<string, number>> = { minimal: 512, low: 1024, medium: 8192, high: 24576 };

/**
 * OpenAI effort (or LiteLLM-style Anthropic `thinking`) → Gemini `thinkingConfig`, thoughts included so
 * a client that asked for reasoning sees it. Gemini 3 models take `thinkingLevel` (low|high), earlier
 * ones `thinkingBudget` (0 turns thinking off).
 */
function thinkingConfig(body: JsonObject, model: string): JsonObject | undefined {
  const effort =
    str(body.reasoning_effort) ?? (isObject(body.reasoning) ? str(body.reasoning.effort) : undefined);
  const thinking = isObject(body.thinking) ? body.thinking : undefined;
  const levels = /gemini-([3-9]|\d{2,})/i.test(model);
  if (effort === 'none' || thinking?.type === 'disabled') {
    return levels ? { thinkingLevel: 'low' } : { thinkingBudget: 0 };
  }
  const budget = num(thinking?.budget_tokens);
  if (budget !== undefined && !levels) return { thinkingBudget: budget, includeThoughts: true };
  if (effort !== undefined && effort in BUDGETS) {
    if (!levels) return { thinkingBudget: BUDGETS[effort], includeThoughts: true };
    return { thinkingLevel: effort === 'high' || effort === 'xhigh' ? 'high' : 'low', includeThoughts: true };
  }
  if (effort === 'xhigh')
    return levels
      ? { thinkingLevel: 'high', includeThoughts: true }
      : { thinkingBudget: -1, includeThoughts: true };
  return thinking ? { includeThoughts: true } : undefined;
}

function toolsOf(body: JsonObject): JsonObject[] {
  const declarations: JsonObject[] = [];
  optionalArray(body.tools, 'tools').forEach((raw, i) => {
    const tool = requireObject(raw, `tools[${i}]`);
    if (tool.type !== 'function') {
      throw new ConversionError(`tools[${i}]: ${JSON.stringify(tool.type)} tools cannot be sent to Gemini`);
    }
    declarations.push(declaration(requireObject(tool.function, `tools[${i}].function`)));
  });
  for (const [i, fn] of optionalArray(body.functions, 'functions').entries()) {
    declarations.push(declaration(requireObject(fn, `functions[${i}]`)));
  }
  const tools: JsonObject[] = declarations.length > 0 ? [{ functionDeclarations: declarations }] : [];
  if (isObject(body.web_search_options)) tools.push({ googleSearch: {} });
  return tools;
}

function declaration(fn: JsonObject): JsonObject {
  const name = str(fn.name);
  if (!name) throw new ConversionError('every tool needs a function name');
  const out: JsonObject = { name };
  if (typeof fn.description === 'string') out.description = fn.description;
  // parametersJsonSchema takes JSON Schema as clients write it; `parameters` would need a lossy rewrite.
  if (isObject(fn.parameters)) out.parametersJsonSchema = fn.parameters;
  return out;
}

function toolConfigOf(choice: unknown): JsonObject | undefined {
  if (choice === undefined || choice === null) return undefined;
  const mode = (m: string, names?: string[]) => ({
    functionCallingConfig: names ? { mode: m, allowedFunctionNames: names } : { mode: m },
  });
  if (choice === 'auto') return mode('AUTO');
  if (choice === 'none') return mode('NONE');
  if (choice === 'required') return mode('ANY');
  if (isObject(choice) && choice.type === 'function' && isObject(choice.function)) {
    const name = str(choice.function.name);
    if (!name) throw new ConversionError('tool_choice.function.name is required');
    return mode('ANY', [name]);
  }
  if (isObject(choice) && choice.type === 'allowed_tools' && isObject(choice.allowed_tools)) {
    const names = optionalArray(choice.allowed_tools.tools, 'tool_choice.allowed_tools.tools')
      .map((t) => (isObject(t) && isObject(t.function) ? str(t.function.name) : undefined))
      .filter((n): n is string => n !== undefined);
    // Gemini takes an allow-list only in ANY mode.
    return choice.allowed_tools.mode === 'required' ? mode('ANY', names) : mode('AUTO');
  }
  throw new ConversionError(`tool_choice ${JSON.stringify(choice)} cannot be sent to Gemini`);
}
