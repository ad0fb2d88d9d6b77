// Owns the Chat Completions request → Responses request conversion (for providers that speak only Responses).
import { ConversionError, type JsonObject } from '../types';
import { chatMessagesToInput } from './chat-to-responses-input';
import { chatToolChoiceToResponses, chatToolsToResponses } from './chat-to-responses-tools';
import { asObject, copyPresent, optArray, optObject } from './json-fields';

const SAME_NAME = [
  'model',
  'temperature',
  'top_p',
  'parallel_tool_calls',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'service_tier',
  'metadata',
] as const;

function refuseInexpressible(body: JsonObject): void {
  if (typeof body.n === 'number' && body.n > 1) {
    throw new ConversionError(
      'n > 1 cannot be sent to a Responses provider: it returns one answer per request',
    );
  }
  const modalities = optArray(body.modalities, 'modalities') ?? [];
  if (body.audio != null || modalities.includes('audio')) {
    throw new ConversionError('audio output cannot be sent to a Responses provider');
  }
}

function formatToResponses(format: JsonObject): JsonObject {
  if (format.type !== 'json_schema') return format;
  const schema = asObject(format.json_schema, 'response_format.json_schema');
  const out: JsonObject = { type: 'json_schema' };
  copyPresent(schema, out, ['name', 'description', 'schema', 'strict']);
  return out;
}

function addOutputControls(body: JsonObject, out: JsonObject, include: string[]): void {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) out.max_output_tokens = maxTokens;
  const text: JsonObject = {};
  const format = optObject(body.response_format, 'response_format');
  if (format !== undefined) text.format = formatToResponses(format);
  if (body.verbosity != null) text.verbosity = body.verbosity;
  if (Object.keys(text).length > 0) out.text = text;
  if (body.logprobs === true) {
    include.push('message.output_text.logprobs');
    if (body.top_logprobs != null) out.top_logprobs = body.top_logprobs;
  }
}

function addReasoning(body: JsonObject, out: JsonObject, include: string[]): void {
  const effort = body.reasoning_effort;
  if (effort == null) return;
  out.reasoning = { effort };
  // Unstored reasoning can only be replayed next turn if the provider hands it back encrypted.
  if (effort !== 'none' && out.store === false) include.push('reasoning.encrypted_content');
}

/**
 * Chat request → Responses request. Dropped because Responses has no such knob: `stop`, `seed`,
 * `frequency_penalty`, `presence_penalty`, `logit_bias`, `prediction`, `stream_options` (a
 * Responses stream always ends with usage). `store` defaults to false, as it does on Chat.
 * Throws ConversionError for `n > 1` and audio output.
 */
export function chatRequestToResponses(body: JsonObject): JsonObject {
  asObject(body, 'request body');
  refuseInexpressible(body);
  const out: JsonObject = {};
  copyPresent(body, out, SAME_NAME);
  out.input = chatMessagesToInput(body.messages);
  out.store = body.store ?? false;
  const tools = chatToolsToResponses(body);
  if (tools !== undefined) out.tools = tools;
  const choice = chatToolChoiceToResponses(body);
  if (choice !== undefined) out.tool_choice = choice;
  const include: string[] = [];
  addOutputControls(body, out, include);
  addReasoning(body, out, include);
  if (include.length > 0) out.include = include;
  if (body.stream === true) out.stream = true;
  return out;
}
