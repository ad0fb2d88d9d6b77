// Owns OpenAI Chat request → Bedrock Converse request, by way of the Anthropic Messages conversion (same block model).
//
// Converse has no field for: seed, penalties, logit_bias, logprobs, n, response_format (no structured
// output), metadata. Thinking for Claude models goes through `additionalModelRequestFields.thinking`.
import { chatRequestToMessages } from '../anthropic/chat-to-messages-request';
import { isObject, num, str } from '../shared/json';
import type { JsonObject } from '../types';
import { anthropicToConverseBlocks } from './converse-blocks';

function blocksOf(content: unknown, path: string): JsonObject[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter(isObject).flatMap((b, i) => anthropicToConverseBlocks(b, `${path}[${i}]`));
}

function toolConfig(messages: JsonObject): JsonObject | undefined {
  if (!Array.isArray(messages.tools) || messages.tools.length === 0) return undefined;
  const tools = messages.tools.filter(isObject).map((t) => {
    const spec: JsonObject = {
      name: t.name,
      inputSchema: { json: isObject(t.input_schema) ? t.input_schema : { type: 'object' } },
    };
    if (typeof t.description === 'string') spec.description = t.description;
    return { toolSpec: spec };
  });
  const out: JsonObject = { tools };
  const choice = isObject(messages.tool_choice) ? messages.tool_choice : undefined;
  if (choice?.type === 'any') out.toolChoice = { any: {} };
  else if (choice?.type === 'tool') out.toolChoice = { tool: { name: str(choice.name) ?? '' } };
  else if (choice?.type === 'auto') out.toolChoice = { auto: {} };
  return out;
}

/** OpenAI Chat request → Converse `ConverseRequest` body (the model id is in the URL). */
export function chatRequestToConverse(body: JsonObject): JsonObject {
  const messages = chatRequestToMessages(body);
  const out: JsonObject = {
    messages: (messages.messages as JsonObject[]).map((m, i) => ({
      role: m.role,
      content: blocksOf(m.content, `messages[${i}].content`),
    })),
  };
  if (messages.system !== undefined) out.system = blocksOf(messages.system, 'system');
  const inference: JsonObject = { maxTokens: messages.max_tokens };
  if (num(messages.temperature) !== undefined) inference.temperature = messages.temperature;
  if (num(messages.top_p) !== undefined) inference.topP = messages.top_p;
  if (Array.isArray(messages.stop_sequences)) inference.stopSequences = messages.stop_sequences;
  out.inferenceConfig = inference;
  const tools = toolConfig(messages);
  if (tools) out.toolConfig = tools;
  const extra: JsonObject = {};
  if (num(messages.top_k) !== undefined) extra.top_k = messages.top_k;
  if (isObject(messages.thinking) && messages.thinking.type !== 'disabled') {
    // Bedrock's Claude models take a budget; `adaptive` (no budget) gets a moderate one.
    const budget = num(messages.thinking.budget_tokens) ?? 4096;
    extra.thinking = { type: 'enabled', budget_tokens: budget };
  }
  if (Object.keys(extra).length > 0) out.additionalModelRequestFields = extra;
  return out;
}
