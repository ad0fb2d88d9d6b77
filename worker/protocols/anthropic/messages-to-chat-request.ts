// Owns Anthropic Messages request → OpenAI Chat request: the top-level parameters.
//
// OpenAI rejects fields it does not know, so only what is named here goes through. Dropped, with no
// Chat counterpart: top_k, cache_control (top-level and on blocks and tools), container,
// context_management, mcp_servers, inference_geo, speed, diagnostics, thinking.budget_tokens and
// thinking.display, `metadata` keys other than user_id, server tools, and any other unknown field.
// The assistant-message `reasoning_content`/`thinking_blocks` this emits are fitted to the vendor by
// applyReasoningStyle (official OpenAI rejects them; DeepSeek/Kimi need `reasoning_content` back).
import { isObject, num, requireArray, str } from '../shared/json';
import { anthropicToChatEffort } from '../shared/reasoning-effort';
import { ConversionError, type JsonObject } from '../types';
import { messagesToChatMessages } from './messages-to-chat-messages';
import { toolChoiceToChat, toolsToChat } from './messages-to-chat-tools';

/** Anthropic Messages request → OpenAI Chat request. `model` is copied as-is; the caller sets the target. */
export function messagesRequestToChat(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (body.model !== undefined) out.model = body.model;
  out.messages = messagesToChatMessages(body.system, requireArray(body.messages, 'messages'));
  // max_completion_tokens is what current OpenAI models take; applyReasoningStyle renames it for
  // vendors that only know max_tokens.
  const maxTokens = num(body.max_tokens);
  if (maxTokens !== undefined) out.max_completion_tokens = maxTokens;
  const stop = body.stop_sequences === undefined ? [] : stopList(body.stop_sequences);
  if (stop.length > 0) out.stop = stop;
  if (num(body.temperature) !== undefined) out.temperature = body.temperature;
  if (num(body.top_p) !== undefined) out.top_p = body.top_p;
  const userId = isObject(body.metadata) ? str(body.metadata.user_id) : undefined;
  if (userId) out.user = userId;
  applyTools(body, out);
  applyReasoningAndFormat(body, out);
  if (body.service_tier === 'auto') out.service_tier = 'auto';
  else if (body.service_tier === 'standard_only') out.service_tier = 'default';
  if (typeof body.stream === 'boolean') out.stream = body.stream;
  // Anthropic clients always get usage at the end of a stream; ask the Chat upstream for it.
  if (body.stream === true) out.stream_options = { include_usage: true };
  return out;
}

function stopList(value: unknown): string[] {
  const list = requireArray(value, 'stop_sequences');
  if (!list.every((s) => typeof s === 'string'))
    throw new ConversionError('stop_sequences must hold strings');
  return list as string[];
}

function applyTools(body: JsonObject, out: JsonObject): void {
  const tools = toolsToChat(body.tools);
  // OpenAI rejects tool_choice and parallel_tool_calls when no tools are sent.
  if (tools.length === 0) return;
  out.tools = tools;
  Object.assign(out, toolChoiceToChat(body.tool_choice));
}

function applyReasoningAndFormat(body: JsonObject, out: JsonObject): void {
  const config = isObject(body.output_config) ? body.output_config : {};
  const explicit = isObject(body.reasoning) ? str(body.reasoning.effort) : undefined;
  const effort =
    str(body.reasoning_effort) ?? explicit ?? anthropicToChatEffort(body.thinking, config.effort);
  if (effort) out.reasoning_effort = effort;
  // `output_format` is the deprecated spelling of output_config.format; both mean structured output.
  const format = isObject(config.format)
    ? config.format
    : isObject(body.output_format)
      ? body.output_format
      : undefined;
  if (format && format.type === 'json_schema' && isObject(format.schema)) {
    out.response_format = {
      type: 'json_schema',
      json_schema: { name: 'output', schema: format.schema, strict: true },
    };
  }
}
