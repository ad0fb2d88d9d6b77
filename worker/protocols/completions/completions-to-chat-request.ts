// Owns the legacy Completions request → Chat request conversion, refusing what one chat call cannot express.

import { asObject, copyPresent } from '../responses/json-fields';
import { ConversionError, type JsonObject } from '../types';

/** Fields that mean the same on both endpoints and pass unchanged. */
const SAME_NAME = [
  'model',
  'max_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'seed',
  'user',
  'stream',
  'stream_options',
] as const;

/**
 * One prompt becomes one user message. Several prompts would need one upstream call each (the
 * legacy API answers each prompt separately); joining them would answer a different question, so
 * they are refused. Token-array prompts are refused too: decoding them needs the tokenizer of a
 * model the gateway does not know.
 */
function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (!Array.isArray(prompt) || prompt.length === 0) {
    throw new ConversionError('prompt must be a non-empty string for a chat-only provider');
  }
  if (prompt.some((p) => typeof p !== 'string')) {
    throw new ConversionError(
      'token-array prompts cannot be sent to a chat-only provider; send the prompt as text',
    );
  }
  if (prompt.length > 1) {
    throw new ConversionError(
      'a chat-only provider answers one prompt per request; send each prompt separately',
    );
  }
  return prompt[0] as string;
}

/** Options whose effect a chat model cannot reproduce; ignoring them would return a different answer. */
function refuseInexpressible(body: JsonObject): void {
  const refuse = (what: string): never => {
    throw new ConversionError(`${what} cannot be expressed against a chat-only provider`);
  };
  if (typeof body.suffix === 'string' && body.suffix !== '') refuse('suffix (insertion)');
  if (body.echo === true) refuse('echo');
  if (body.logprobs != null) refuse('logprobs (per-token text offsets)');
  const n = typeof body.n === 'number' ? body.n : 1;
  if (typeof body.best_of === 'number' && body.best_of > n) refuse('best_of greater than n');
}

/** Legacy Completions request → Chat request with the prompt as the single user message. */
export function completionsRequestToChat(body: JsonObject): JsonObject {
  asObject(body, 'request body');
  refuseInexpressible(body);
  const out: JsonObject = {};
  copyPresent(body, out, SAME_NAME);
  out.messages = [{ role: 'user', content: promptText(body.prompt) }];
  return out;
}
