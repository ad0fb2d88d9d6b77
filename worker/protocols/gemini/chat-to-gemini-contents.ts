// Owns OpenAI Chat `messages` → Gemini `systemInstruction` + `contents` (tool results as functionResponse parts).
import { isObject, parseToolArguments, requireObject, str } from '../shared/json';
import { parseDataUrl } from '../shared/media';
import { ConversionError, type JsonObject } from '../types';
import { signaturesOfMessage } from './signatures';

export interface GeminiConversation {
  systemInstruction?: JsonObject;
  contents: JsonObject[];
}

/**
 * System and developer messages become `systemInstruction`; assistant turns are `model` turns whose
 * tool calls are functionCall parts carrying their thought signature (in-band, or from `recalled`,
 * the gateway's own record keyed by tool-call id); tool results are functionResponse parts in a
 * `user` turn, named after the call they answer. Consecutive same-role turns are merged, as Gemini
 * wants strictly alternating turns.
 */
export function chatMessagesToGemini(
  messages: unknown[],
  recalled: ReadonlyMap<string, string> = new Map(),
): GeminiConversation {
  const system: string[] = [];
  const contents: JsonObject[] = [];
  const names = new Map<string, string>();
  messages.forEach((raw, i) => {
    const path = `messages[${i}]`;
    const m = requireObject(raw, path);
    if (m.role === 'system' || m.role === 'developer') {
      system.push(textOf(m.content, `${path}.content`));
      return;
    }
    if (m.role === 'user') push(contents, 'user', contentParts(m.content, `${path}.content`));
    else if (m.role === 'assistant') push(contents, 'model', modelParts(m, path, names, recalled));
    else if (m.role === 'tool' || m.role === 'function') push(contents, 'user', [toolResult(m, path, names)]);
    else throw new ConversionError(`${path}.role ${JSON.stringify(m.role)} is not supported`);
  });
  const out: GeminiConversation = { contents };
  const instruction = system.filter((s) => s !== '').join('\n\n');
  if (instruction) out.systemInstruction = { parts: [{ text: instruction }] };
  return out;
}

function push(contents: JsonObject[], role: 'user' | 'model', parts: JsonObject[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) (last.parts as JsonObject[]).push(...parts);
  else contents.push({ role, parts });
}

function textOf(content: unknown, path: string): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) throw new ConversionError(`${path} must be a string or an array`);
  return content.map((p) => (isObject(p) ? (str(p.text) ?? '') : '')).join('\n');
}

/** Chat content (a string or parts) → Gemini parts. */
export function contentParts(content: unknown, path: string): JsonObject[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw new ConversionError(`${path} must be a string or an array`);
  return content.flatMap((raw, i) => part(requireObject(raw, `${path}[${i}]`), `${path}[${i}]`));
}

const AUDIO_TYPES: Readonly<Record<string, string>> = { wav: 'audio/wav', mp3: 'audio/mp3' };

function part(p: JsonObject, path: string): JsonObject[] {
  switch (p.type) {
    case 'text':
    case 'refusal': {
      const text = str(p.text) ?? str(p.refusal) ?? '';
      return text === '' ? [] : [{ text }];
    }
    case 'image_url': {
      const url = isObject(p.image_url) ? str(p.image_url.url) : str(p.image_url);
      if (!url) throw new ConversionError(`${path}.image_url.url is required`);
      return [mediaPart(url, 'image/*')];
    }
    case 'input_audio': {
      const audio = requireObject(p.input_audio, `${path}.input_audio`);
      const mimeType = AUDIO_TYPES[str(audio.format) ?? ''] ?? 'audio/wav';
      return [{ inlineData: { mimeType, data: str(audio.data) ?? '' } }];
    }
    case 'file': {
      const file = requireObject(p.file, `${path}.file`);
      const data = str(file.file_data);
      if (!data) throw new ConversionError(`${path}: only inline file_data can be sent to Gemini`);
      return [mediaPart(data, 'application/pdf')];
    }
    default:
      throw new ConversionError(`${path}: ${JSON.stringify(p.type)} parts cannot be sent to Gemini`);
  }
}

function mediaPart(url: string, fallbackType: string): JsonObject {
  const inline = parseDataUrl(url);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  return { fileData: { mimeType: guessMimeType(url) ?? fallbackType, fileUri: url } };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
};

function guessMimeType(url: string): string | undefined {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

function modelParts(
  m: JsonObject,
  path: string,
  names: Map<string, string>,
  recalled: ReadonlyMap<string, string>,
): JsonObject[] {
  const parts = contentParts(m.content, `${path}.content`);
  const signatures = signaturesOfMessage(m);
  const calls = Array.isArray(m.tool_calls) ? m.tool_calls : [];
  calls.forEach((raw, j) => {
    const call = requireObject(raw, `${path}.tool_calls[${j}]`);
    const fn = requireObject(call.function, `${path}.tool_calls[${j}].function`);
    const name = str(fn.name) ?? '';
    const id = str(call.id);
    if (id) names.set(id, name);
    const out: JsonObject = { functionCall: { name, args: parseToolArguments(fn.arguments) } };
    const signature = id ? (signatures.get(id) ?? recalled.get(id)) : undefined;
    if (signature) out.thoughtSignature = signature;
    parts.push(out);
  });
  if (isObject(m.function_call)) {
    const name = str(m.function_call.name) ?? '';
    parts.push({ functionCall: { name, args: parseToolArguments(m.function_call.arguments) } });
  }
  return withForeignCallsMarked(parts);
}

/**
 * Google's documented sentinel for a function call Gemini did not make (a turn from another
 * provider, or a client that kept no signature the gateway could recall): Gemini 3 refuses a model
 * turn whose first functionCall part carries no signature at all.
 */
export const FOREIGN_CALL_SIGNATURE = 'skip_thought_signature_validator';

function withForeignCallsMarked(parts: JsonObject[]): JsonObject[] {
  const calls = parts.filter((p) => isObject(p.functionCall));
  const first = calls[0];
  if (first && !calls.some((p) => typeof p.thoughtSignature === 'string'))
    first.thoughtSignature = FOREIGN_CALL_SIGNATURE;
  return parts;
}

function toolResult(m: JsonObject, path: string, names: Map<string, string>): JsonObject {
  const id = str(m.tool_call_id);
  const name = m.role === 'function' ? str(m.name) : id ? names.get(id) : undefined;
  if (!name) {
    throw new ConversionError(`${path}: the tool call this result answers is not in the conversation`);
  }
  return { functionResponse: { name, response: toolResponse(m.content, `${path}.content`) } };
}

/** Gemini wants an object: a JSON object result as it is, anything else as `{ result }`. */
function toolResponse(content: unknown, path: string): JsonObject {
  const text = textOf(content, path);
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) return parsed;
  } catch {
    // Plain text: wrapped below.
  }
  return { result: text };
}
