// Owns OpenAI Chat request → Workers AI text-generation input (`env.AI.run(model, input)`): the same vocabulary, less of it.
import { num } from '../shared/json';
import type { JsonObject } from '../types';

// Workers AI text-generation models take these OpenAI-named inputs; everything else is dropped.
const KEPT = [
  'messages',
  'tools',
  'temperature',
  'top_p',
  'top_k',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'repetition_penalty',
  'response_format',
  'stream',
] as const;

/** The model goes as `run`'s first argument, not in the input; `max_completion_tokens` is `max_tokens`. */
export function chatRequestToWorkersAi(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of KEPT) if (body[key] !== undefined) out[key] = body[key];
  const max = num(body.max_completion_tokens) ?? num(body.max_tokens);
  if (max !== undefined) out.max_tokens = max;
  return out;
}
