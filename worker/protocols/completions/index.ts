// Owns the public surface of the legacy Completions ⇄ Chat converters (for chat-only providers).
//
// Decisions, and why: one prompt per request (several prompts need one upstream call each, and
// joining them answers a different question); token-array prompts, `suffix`, `echo`, `logprobs`
// and `best_of > n` are refused with ConversionError (a chat model cannot reproduce them, and a
// silently different answer is worse than a clear 400). `n` passes through: Chat has it too.

export { chatResponseToCompletion } from './chat-to-completions-response';
export { createChatToCompletionStream } from './chat-to-completions-stream';
export { completionsRequestToChat } from './completions-to-chat-request';
