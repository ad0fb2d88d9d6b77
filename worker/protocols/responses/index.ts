// Owns the public surface of the Responses ⇄ Chat converters; everything else in this folder is internal.
//
// Decisions, and why:
// - Stateless: `previous_response_id`, `conversation`, `prompt`, `background: true` and
//   `item_reference` throw ConversionError towards a Chat provider (answering without the stored
//   context would answer a different question). `store` is dropped and every response says
//   `store: false`; `metadata` is not sent to Chat (OpenAI rejects it without `store`) but is
//   echoed on the response object when the request is passed in.
// - Hosted tools: `web_search*` becomes Chat `web_search_options` (and back); every other hosted
//   tool (file_search, code_interpreter, computer use, image generation, MCP, shell, …) throws
//   ConversionError, so the planner can fail over to a Responses provider instead of letting the
//   model pretend it used a tool it never had. `custom` tools map to Chat custom tools.
// - Reasoning: Chat `reasoning_content` is raw reasoning, so it streams as `reasoning_text`
//   content (`response.reasoning_text.delta`); Responses summaries
//   (`response.reasoning_summary_text.delta`) and reasoning text both become `reasoning_content`.
//   Signed reasoning rides on `thinking_blocks` (shared/thinking-blocks.ts) ⇄ `encrypted_content`.
// - Tool-call items of a Chat stream stay open until the finish chunk, so providers that
//   interleave parallel tool-call fragments still land in the right item.

export { chatRequestToResponses } from './chat-to-responses-request';
export { chatResponseToResponses } from './chat-to-responses-response';
export { type ChatToResponsesStream, createChatToResponsesStream } from './chat-to-responses-stream';
export { responsesRequestToChat } from './responses-to-chat-request';
export { responsesResponseToChat } from './responses-to-chat-response';
export { createResponsesToChatStream } from './responses-to-chat-stream';
export {
  type ResponsesFailureContext,
  responsesErrorBody,
  responsesErrorEvents,
} from './upstream-to-responses-error';
