// Owns Gemini `systemInstruction` + `contents` → OpenAI Chat `messages` (function calls paired with their responses).

import { REDACTED_PREFIX } from '../responses/reasoning';
import { isObject, requireArray, requireObject, str } from '../shared/json';
import { toDataUrl } from '../shared/media';
import { ConversionError, type JsonObject } from '../types';

/**
 * `user` turns become user messages, except functionResponse parts, which become `tool` messages
 * answering the call of the same name (by `id` when the client kept Gemini's ids); `model` turns
 * become assistant messages. A functionCall without an id gets one derived from its position, so the
 * same conversation always converts to the same ids. Thought parts with a signature (a thinking
 * block from another provider that rode out in one) become `thinking_blocks` again.
 */
export function geminiContentsToChat(body: JsonObject): JsonObject[] {
  const messages: JsonObject[] = [];
  const system = systemText(body.systemInstruction);
  if (system) messages.push({ role: 'system', content: system });
  const pending: Array<{ id: string; name: string }> = [];
  requireArray(body.contents ?? [], 'contents').forEach((raw, t) => {
    const path = `contents[${t}]`;
    const content = requireObject(raw, path);
    const parts = requireArray(content.parts ?? [], `${path}.parts`).map((p, i) =>
      requireObject(p, `${path}.parts[${i}]`),
    );
    if (content.role === 'model') messages.push(assistantMessage(parts, t, pending));
    else messages.push(...userMessages(parts, path, pending));
  });
  return messages;
}

function systemText(instruction: unknown): string {
  if (typeof instruction === 'string') return instruction;
  if (!isObject(instruction) || !Array.isArray(instruction.parts)) return '';
  return instruction.parts.map((p) => (isObject(p) ? (str(p.text) ?? '') : '')).join('\n');
}

function assistantMessage(
  parts: JsonObject[],
  turn: number,
  pending: Array<{ id: string; name: string }>,
): JsonObject {
  let text = '';
  let reasoning = '';
  // A streamed answer sends thought text first and its signature in a later, empty part.
  let unsigned = '';
  const thinking: JsonObject[] = [];
  const calls: JsonObject[] = [];
  parts.forEach((part, i) => {
    if (isObject(part.functionCall)) {
      const name = str(part.functionCall.name) ?? '';
      const id = str(part.functionCall.id) ?? `call_g${turn}_${i}`;
      pending.push({ id, name });
      const args = isObject(part.functionCall.args) ? part.functionCall.args : {};
      calls.push({ id, type: 'function', function: { name, arguments: JSON.stringify(args) } });
    } else if (part.thought === true) {
      const thought = str(part.text) ?? '';
      reasoning += thought;
      const signature = str(part.thoughtSignature);
      if (signature?.startsWith(REDACTED_PREFIX)) {
        thinking.push({ type: 'redacted_thinking', data: signature.slice(REDACTED_PREFIX.length) });
      } else if (signature) {
        thinking.push({ type: 'thinking', thinking: thought || unsigned, signature });
        unsigned = '';
      } else unsigned += thought;
    } else if (typeof part.text === 'string') text += part.text;
  });
  const message: JsonObject = { role: 'assistant', content: text === '' && calls.length > 0 ? null : text };
  if (reasoning) message.reasoning_content = reasoning;
  if (thinking.length > 0) message.thinking_blocks = thinking;
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

function userMessages(
  parts: JsonObject[],
  path: string,
  pending: Array<{ id: string; name: string }>,
): JsonObject[] {
  const out: JsonObject[] = [];
  const content: JsonObject[] = [];
  parts.forEach((part, i) => {
    if (isObject(part.functionResponse)) {
      out.push(toolMessage(part.functionResponse, `${path}.parts[${i}]`, pending));
      return;
    }
    const converted = userPart(part, `${path}.parts[${i}]`);
    if (converted) content.push(converted);
  });
  if (content.length > 0) {
    const onlyText = content.every((p) => p.type === 'text');
    out.push({ role: 'user', content: onlyText ? content.map((p) => p.text).join('\n') : content });
  }
  return out;
}

function toolMessage(fr: JsonObject, path: string, pending: Array<{ id: string; name: string }>): JsonObject {
  const name = str(fr.name) ?? '';
  const id = str(fr.id);
  let at = id ? pending.findIndex((p) => p.id === id) : -1;
  if (at === -1) at = pending.findIndex((p) => p.name === name);
  if (at === -1) throw new ConversionError(`${path}: functionResponse "${name}" answers no functionCall`);
  const [call] = pending.splice(at, 1);
  const response = fr.response;
  // `{result: "..."}` is how Gemini clients wrap a plain answer; the tool sees the text itself.
  const text =
    isObject(response) && Object.keys(response).length === 1 && typeof response.result === 'string'
      ? response.result
      : JSON.stringify(response ?? {});
  return { role: 'tool', tool_call_id: call?.id, content: text };
}

function userPart(part: JsonObject, path: string): JsonObject | undefined {
  if (typeof part.text === 'string') return part.text === '' ? undefined : { type: 'text', text: part.text };
  if (isObject(part.inlineData)) {
    const mime = str(part.inlineData.mimeType) ?? 'application/octet-stream';
    const data = str(part.inlineData.data) ?? '';
    if (mime.startsWith('image/')) return { type: 'image_url', image_url: { url: toDataUrl(mime, data) } };
    if (mime === 'audio/wav' || mime === 'audio/mp3' || mime === 'audio/mpeg') {
      return { type: 'input_audio', input_audio: { data, format: mime === 'audio/wav' ? 'wav' : 'mp3' } };
    }
    return { type: 'file', file: { filename: 'file', file_data: toDataUrl(mime, data) } };
  }
  if (isObject(part.fileData)) {
    const uri = str(part.fileData.fileUri);
    if (uri && /^https?:/.test(uri)) return { type: 'image_url', image_url: { url: uri } };
    throw new ConversionError(
      `${path}: fileData ${JSON.stringify(uri)} cannot be fetched by another provider`,
    );
  }
  throw new ConversionError(`${path}: this part cannot be sent to a non-Gemini provider`);
}
