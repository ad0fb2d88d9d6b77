// Owns Bedrock Converse response → OpenAI Chat completion (non-stream), by way of the Anthropic response shape.
import { messagesResponseToChat } from '../anthropic/messages-to-chat-response';
import { requireObject } from '../shared/json';
import type { JsonObject } from '../types';
import { anthropicStopReason, anthropicUsage, converseToAnthropicBlock } from './converse-blocks';

/** Converse `{output:{message}, stopReason, usage}` → Chat. */
export function converseResponseToChat(body: JsonObject, model = ''): JsonObject {
  const output = requireObject(body.output, 'output');
  const message = requireObject(output.message, 'output.message');
  const content = (Array.isArray(message.content) ? message.content : [])
    .map(converseToAnthropicBlock)
    .filter((b): b is JsonObject => b !== undefined);
  return messagesResponseToChat({
    id: `msg_bedrock_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: anthropicStopReason(body.stopReason),
    usage: anthropicUsage(body.usage),
  });
}
