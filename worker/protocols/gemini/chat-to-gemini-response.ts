// Owns OpenAI Chat completion → Gemini generateContent response (non-stream), for Gemini clients.
import { isObject, parseToolArguments, requireArray, requireObject, str } from '../shared/json';
import type { JsonObject } from '../types';
import { thoughtParts } from './chat-thoughts';
import { geminiFinishFromChat } from './finish-reasons';
import { chatUsageToGemini } from './usage';

/** Only the first choice becomes a candidate; tool calls keep their id so the client can answer by id. */
export function chatResponseToGemini(body: JsonObject): JsonObject {
  const choice = requireObject(requireArray(body.choices, 'choices')[0], 'choices[0]');
  const message = requireObject(choice.message, 'choices[0].message');
  const parts = thoughtParts(message);
  const text = textOf(message.content) + (str(message.refusal) ?? '');
  if (text !== '') parts.push({ text });
  parts.push(...functionCallParts(message.tool_calls));
  if (parts.length === 0) parts.push({ text: '' });
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        finishReason: geminiFinishFromChat(choice.finish_reason),
        index: 0,
      },
    ],
    usageMetadata: chatUsageToGemini(body.usage),
    modelVersion: str(body.model) ?? '',
    responseId: str(body.id) ?? '',
  };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (isObject(p) ? (str(p.text) ?? '') : '')).join('');
}

/** Chat tool calls → functionCall parts. */
export function functionCallParts(calls: unknown): JsonObject[] {
  if (!Array.isArray(calls)) return [];
  return calls.filter(isObject).map((call) => {
    const fn = isObject(call.function) ? call.function : {};
    const functionCall: JsonObject = { name: str(fn.name) ?? '', args: parseToolArguments(fn.arguments) };
    if (str(call.id)) functionCall.id = call.id;
    return { functionCall };
  });
}
