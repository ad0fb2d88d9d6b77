// Owns the Responses request → Chat Completions request conversion (stateless: stored-state features are refused).
import { ConversionError, type JsonObject } from '../types';
import { asObject, copyPresent, optArray, optObject } from './json-fields';
import { responsesInputToMessages } from './responses-to-chat-input';
import { responsesToolChoiceToChat, responsesToolsToChat } from './responses-to-chat-tools';

/** Fields that mean the same thing, under the same name, on both APIs. */
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
] as const;

/**
 * The gateway keeps no Responses state, and a Chat provider has none to offer: silently dropping
 * these would answer a different question than the one asked, so they are refused.
 */
function refuseStatefulFeatures(body: JsonObject): void {
  const refuse = (field: string, hint: string): never => {
    throw new ConversionError(`${field} cannot be honoured by a Chat Completions provider: ${hint}`);
  };
  if (body.previous_response_id != null)
    refuse('previous_response_id', 'send the whole conversation in input');
  if (body.conversation != null) refuse('conversation', 'send the whole conversation in input');
  if (body.prompt != null) refuse('prompt', 'send the prompt text in instructions and input');
  if (body.background === true) refuse('background', 'use stream: true instead');
}

function formatToChat(format: JsonObject): JsonObject {
  if (format.type !== 'json_schema') return format;
  const schema: JsonObject = {};
  copyPresent(format, schema, ['name', 'description', 'schema', 'strict']);
  return { type: 'json_schema', json_schema: schema };
}

function addTools(body: JsonObject, out: JsonObject): void {
  const { tools, webSearchOptions } = responsesToolsToChat(body);
  if (tools.length > 0) out.tools = tools;
  if (webSearchOptions !== undefined) out.web_search_options = webSearchOptions;
  if (body.tool_choice !== undefined && body.tool_choice !== null) {
    const choice = responsesToolChoiceToChat(body.tool_choice);
    if (choice !== undefined) out.tool_choice = choice;
  }
}

function addOutputControls(body: JsonObject, out: JsonObject): void {
  if (body.max_output_tokens != null) out.max_completion_tokens = body.max_output_tokens;
  const text = optObject(body.text, 'text');
  const format = optObject(text?.format, 'text.format');
  if (format !== undefined) out.response_format = formatToChat(format);
  if (text?.verbosity != null) out.verbosity = text.verbosity;
  const effort = optObject(body.reasoning, 'reasoning')?.effort;
  if (effort != null) out.reasoning_effort = effort;
  const include = optArray(body.include, 'include') ?? [];
  if (body.top_logprobs != null) {
    out.logprobs = true;
    out.top_logprobs = body.top_logprobs;
  } else if (include.includes('message.output_text.logprobs')) {
    out.logprobs = true;
  }
}

/**
 * Responses request → Chat request. Dropped because Chat cannot say them and they do not change
 * the answer: `store` and `metadata` (the gateway stores nothing; metadata is echoed back on the
 * response object), `truncation`, `max_tool_calls`, `include`, `reasoning.summary`,
 * `stream_options`. Throws ConversionError for what would change the answer (stateful
 * features, hosted tools other than web search, file-id images, file URLs).
 */
export function responsesRequestToChat(body: JsonObject): JsonObject {
  asObject(body, 'request body');
  refuseStatefulFeatures(body);
  const out: JsonObject = {};
  copyPresent(body, out, SAME_NAME);
  out.messages = responsesInputToMessages(body.input, body.instructions);
  addTools(body, out);
  addOutputControls(body, out);
  if (body.stream === true) {
    out.stream = true;
    // A Responses stream must end with usage in `response.completed`.
    out.stream_options = { include_usage: true };
  }
  return out;
}
