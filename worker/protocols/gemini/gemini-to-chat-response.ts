// Owns Gemini generateContent response → OpenAI Chat completion (non-stream).
import { isObject, nowSeconds, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';
import { chatFinishFromGemini } from './finish-reasons';
import { readParts } from './gemini-parts';
import { bundleSignatures } from './signatures';
import { geminiUsageToChat } from './usage';

/**
 * Only the first candidate is converted. Thought summaries become `reasoning_content`; the signatures
 * of function calls ride in one `thinking_blocks` entry (signatures.ts) so every client protocol can
 * send them back. A prompt blocked before any candidate is an empty answer with `content_filter`.
 */
export function geminiResponseToChat(body: JsonObject): JsonObject {
  if (body.candidates !== undefined && !Array.isArray(body.candidates)) {
    throw new ConversionError('candidates must be an array');
  }
  const candidate =
    Array.isArray(body.candidates) && isObject(body.candidates[0]) ? body.candidates[0] : undefined;
  const { text, thought, calls } = readParts(candidate, 'candidates[0]', str(body.responseId));
  const message: JsonObject = {
    role: 'assistant',
    content: text === '' && calls.length > 0 ? null : text,
    refusal: null,
  };
  if (thought) message.reasoning_content = thought;
  const signed = new Map(calls.filter((c) => c.signature).map((c) => [c.id, c.signature as string]));
  if (signed.size > 0) {
    message.thinking_blocks = [{ type: 'thinking', thinking: thought, signature: bundleSignatures(signed) }];
  }
  if (calls.length > 0) {
    message.tool_calls = calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  const blocked =
    !candidate && isObject(body.promptFeedback) && body.promptFeedback.blockReason !== undefined;
  const finish = blocked ? 'content_filter' : chatFinishFromGemini(candidate?.finishReason, calls.length > 0);
  return {
    id: `chatcmpl-${str(body.responseId) ?? crypto.randomUUID()}`,
    object: 'chat.completion',
    created: nowSeconds(),
    model: str(body.modelVersion) ?? '',
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
    usage: geminiUsageToChat(body.usageMetadata),
  };
}
