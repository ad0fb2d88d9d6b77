// Owns the public surface of the Responses ⇄ Chat converters; everything else in this folder is internal.
//
// Decisions, and why:
// - Stored state is the proxy's: it expands `previous_response_id` and `item_reference` from the
//   response store (stored-input.ts) before converting; one left in the request still throws
//   ConversionError, as do `conversation`, `prompt` and `background: true` (answering without the
//   context would answer a different question). `store` is not sent to Chat; the response says
//   `store: true` when the proxy keeps it. `metadata` is not sent to Chat (OpenAI rejects it
//   without `store`) but is echoed on the response object when the request is passed in.
// - Tools (tool-table.ts): function, freeform `custom` (one string `input`), `namespace` groups
//   (flattened to `<namespace>__<name>`), client-run `tool_search`, and tools from `additional_tools`
//   and `tool_search_output` items all become Chat functions; calls come back under the client's
//   names and kinds. `web_search*` becomes Chat `web_search_options` (and back), except with
//   `external_web_access: false`, which no Chat search can honour: dropped, never made live. Every
//   other hosted tool (file_search, code_interpreter, computer use, image generation, MCP, shell, …)
//   throws ConversionError, so the planner can fail over to a Responses provider instead of letting
//   the model pretend it used a tool it never had.
// - Reasoning: Chat `reasoning_content` is raw reasoning, so it streams as `reasoning_text`
//   content (`response.reasoning_text.delta`) — or as the summary when the client asked for one
//   (`reasoning.summary`, `response.reasoning_summary_text.delta`); Responses summaries
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
