// Owns the Chat completion body → legacy `text_completion` body conversion.

import { contentText } from '../responses/content-parts';
import { asArray, asObject, asString, copyPresent } from '../responses/json-fields';
import { ConversionError, type JsonObject } from '../types';
import { completionFinishReason } from './finish-reason';

/**
 * Chat completion → text completion: each choice's message text becomes `text`. Reasoning and
 * tool calls have no place in the legacy shape and are left out; `logprobs` is always null
 * because logprobs requests are refused on the way in.
 */
export function chatResponseToCompletion(body: JsonObject): JsonObject {
  if (body.error !== undefined && body.choices === undefined) {
    throw new ConversionError('upstream returned an error body; render it in the OpenAI error envelope');
  }
  const choices = asArray(body.choices, 'choices').map((raw, i) => {
    const choice = asObject(raw, 'choice');
    const message = asObject(choice.message, 'choice.message');
    return {
      text: contentText(message.content),
      index: typeof choice.index === 'number' ? choice.index : i,
      logprobs: null,
      finish_reason: completionFinishReason(choice.finish_reason) ?? 'stop',
    };
  });
  const out: JsonObject = { id: asString(body.id, 'id'), object: 'text_completion', created: body.created };
  out.model = body.model;
  copyPresent(body, out, ['system_fingerprint']);
  out.choices = choices;
  copyPresent(body, out, ['usage']);
  return out;
}
