// Owns Anthropic Messages response → OpenAI Chat completion (non-stream).
import { chatFinishReason } from '../shared/finish-reasons';
import { nowSeconds, requireArray } from '../shared/json';
import { anthropicUsageToChat } from '../shared/usage';
import type { JsonObject } from '../types';
import { assistantBlocksToChat } from './messages-to-chat-messages';

/**
 * Text blocks are concatenated as they are (citations split one answer into several blocks);
 * citations, server-tool blocks and `stop_details` have no Chat form and are dropped. Thinking
 * becomes `reasoning_content` + `thinking_blocks` (see shared/thinking-blocks.ts).
 */
export function messagesResponseToChat(body: JsonObject): JsonObject {
  const message = assistantBlocksToChat(requireArray(body.content, 'content'), 'content');
  message.refusal = null;
  return {
    id: body.id,
    object: 'chat.completion',
    created: nowSeconds(),
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: chatFinishReason(body.stop_reason) }],
    usage: anthropicUsageToChat(body.usage),
  };
}
