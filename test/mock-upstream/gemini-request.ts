// Reads Gemini `v1beta` requests as strictly as the real API: unknown fields, bad roles and missing thought signatures are 400s.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tokens } from './content.ts';
import { UpstreamError } from './errors.ts';
import type { Conversation, ToolChoice, ToolDef } from './plan.ts';
import { asArray, asObject, asString, type JsonObject } from './values.ts';

const REQUEST_FIELDS = new Set([
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
  'safetySettings',
  'cachedContent',
  'labels',
]);
const CONFIG_FIELDS = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'candidateCount',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'thinkingConfig',
  'responseLogprobs',
  'logprobs',
  'responseModalities',
  'mediaResolution',
  'speechConfig',
]);
const PART_FIELDS = new Set([
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'thought',
  'thoughtSignature',
  'executableCode',
  'codeExecutionResult',
  'videoMetadata',
]);
const DECLARATION_FIELDS = new Set([
  'name',
  'description',
  'parameters',
  'parametersJsonSchema',
  'response',
  'responseJsonSchema',
  'behavior',
]);

/** Google answers an unknown JSON field with this 400. */
function unknownField(name: string, where: string): UpstreamError {
  return new UpstreamError(
    400,
    `Invalid JSON payload received. Unknown name "${name}" at '${where}': Cannot find field.`,
  );
}

function checkFields(obj: JsonObject, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) throw unknownField(key, where);
}

/** The real API refuses a request without a key: `x-goog-api-key` or `?key=`. */
export function requireGeminiKey(headers: IncomingHttpHeaders, query: URLSearchParams): void {
  if (!headers['x-goog-api-key'] && !query.get('key')) {
    throw new UpstreamError(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  }
}

const SECRET = 'mock-gemini-thought-signature-key';

/**
 * The signature the mock puts on a function call: derived from the call itself, so a follow-up turn
 * can be checked without server state, and one taken from another call (or provider) does not pass.
 */
export function signatureFor(name: string, args: unknown): string {
  const digest = createHash('sha256')
    .update(`${SECRET}\n${name}\n${JSON.stringify(args ?? {})}`)
    .digest('base64');
  return Buffer.from(`mock-sig:${digest}`).toString('base64');
}

/** A text answer carries a signature too (Gemini 3 signs the last part); clients may drop it. */
export function textSignature(seq: number): string {
  return Buffer.from(`mock-text-sig:${seq}`).toString('base64');
}

/**
 * Gemini 3 validates the signatures of the current turn: every model turn's first functionCall part
 * must carry the signature Gemini issued for it (or the documented sentinel for calls another model
 * made). Missing or foreign signatures are a 400.
 */
function checkSignatures(contents: unknown[]): void {
  contents.forEach((raw, i) => {
    const content = asObject(raw);
    if (content?.role !== 'model') return;
    const first = asArray(content.parts)
      .map(asObject)
      .find((p) => asObject(p?.functionCall));
    if (!first) return;
    const call = asObject(first.functionCall)!;
    const signature = asString(first.thoughtSignature);
    const where = `contents[${i}].parts`;
    if (!signature) {
      throw new UpstreamError(
        400,
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`${asString(call.name)}\`, position ${where}.`,
      );
    }
    // Google's documented sentinel for calls another model made: accepted, never validated.
    if (signature === 'skip_thought_signature_validator') return;
    if (signature !== signatureFor(asString(call.name) ?? '', call.args)) {
      throw new UpstreamError(400, `Corrupted thought signature at ${where}.`);
    }
  });
}

function readTools(body: JsonObject): ToolDef[] {
  const tools: ToolDef[] = [];
  for (const tool of asArray(body.tools).map(asObject)) {
    for (const decl of asArray(tool?.functionDeclarations).map(asObject)) {
      if (!decl) continue;
      checkFields(decl, DECLARATION_FIELDS, 'tools[0].function_declarations[0]');
      const name = asString(decl.name);
      if (!name)
        throw new UpstreamError(
          400,
          '* GenerateContentRequest.tools[0].function_declarations[0].name: Name cannot be empty.',
        );
      tools.push({ name, schema: asObject(decl.parametersJsonSchema) ?? asObject(decl.parameters) });
    }
  }
  return tools;
}

function readToolChoice(body: JsonObject): ToolChoice {
  const config = asObject(asObject(body.toolConfig)?.functionCallingConfig);
  const mode = asString(config?.mode) ?? 'AUTO';
  if (!['AUTO', 'ANY', 'NONE', 'VALIDATED'].includes(mode))
    throw new UpstreamError(400, `Invalid value at 'tool_config.function_calling_config.mode' (${mode})`);
  if (mode === 'NONE') return 'none';
  const names = asArray(config?.allowedFunctionNames);
  if (names.length > 0 && mode !== 'ANY')
    throw new UpstreamError(400, 'allowed_function_names is only allowed when mode is ANY.');
  if (mode === 'ANY') return names.length === 1 ? { name: String(names[0]) } : 'required';
  return 'auto';
}

function partText(part: JsonObject | undefined): string {
  return asString(part?.text) ?? '';
}

function responseText(part: JsonObject | undefined): string | undefined {
  const fr = asObject(part?.functionResponse);
  if (!fr) return undefined;
  const response = asObject(fr.response);
  const result = response?.result;
  return typeof result === 'string' ? result : JSON.stringify(response ?? {});
}

/** Reads and validates a generateContent (or countTokens) body into the mock's conversation. */
export function readGeminiConversation(body: JsonObject, model: string): Conversation {
  checkFields(body, REQUEST_FIELDS, 'GenerateContentRequest');
  const contents = asArray(body.contents);
  if (contents.length === 0)
    throw new UpstreamError(400, '* GenerateContentRequest.contents: contents is not specified');
  const config = asObject(body.generationConfig) ?? {};
  checkFields(config, CONFIG_FIELDS, 'generation_config');
  let prompt = '';
  let inputChars = asArray(asObject(body.systemInstruction)?.parts)
    .map((p) => partText(asObject(p)))
    .join('').length;
  let toolResult: string | undefined;
  contents.forEach((raw, i) => {
    const content = asObject(raw);
    const role = asString(content?.role) ?? 'user';
    if (role !== 'user' && role !== 'model')
      throw new UpstreamError(400, `Please use a valid role: user, model. (contents[${i}].role: ${role})`);
    const parts = asArray(content?.parts).map(asObject);
    if (parts.length === 0)
      throw new UpstreamError(
        400,
        `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`,
      );
    for (const part of parts) if (part) checkFields(part, PART_FIELDS, `contents[${i}].parts[0]`);
    const text = parts.map(partText).join('');
    inputChars +=
      text.length +
      parts
        .filter((p) => p?.functionResponse || p?.functionCall)
        .map((p) => JSON.stringify(p))
        .join('').length;
    const results = parts.map(responseText).filter((t): t is string => t !== undefined);
    toolResult = role === 'user' && results.length > 0 ? results.join('\n') : undefined;
    if (role === 'user' && text) prompt = text;
  });
  checkSignatures(contents);
  const tools = readTools(body);
  if (tools.length > 0) inputChars += JSON.stringify(body.tools).length;
  const thinking = asObject(config.thinkingConfig);
  return {
    model,
    prompt,
    toolResult,
    inputChars,
    tools,
    toolChoice: readToolChoice(body),
    parallelTools: true,
    reasoning: thinking?.includeThoughts === true,
  };
}

/** Implicit caching: a repeated prefix (every content before the last) of 1024+ tokens is read from cache. */
export function geminiCachedTokens(body: JsonObject, model: string, hit: (key: string) => boolean): number {
  const contents = asArray(body.contents);
  const prefix = JSON.stringify([body.systemInstruction ?? null, body.tools ?? null, contents.slice(0, -1)]);
  const n = tokens(prefix.length);
  if (n < 1024) return 0;
  return hit(`gemini:${model}\n${prefix}`) ? n : 0;
}
