// Owns the finish reason tables between Gemini and OpenAI Chat.

const GEMINI_TO_CHAT: Readonly<Record<string, string>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  LANGUAGE: 'content_filter',
};

const CHAT_TO_GEMINI: Readonly<Record<string, string>> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  function_call: 'STOP',
  content_filter: 'SAFETY',
};

/**
 * Gemini `finishReason` → Chat `finish_reason`. An answer that calls a function ends with
 * `tool_calls` whatever Gemini says (it says `STOP`), so clients run the tools.
 */
export function chatFinishFromGemini(reason: unknown, hasToolCalls: boolean): string {
  if (hasToolCalls && (reason === 'STOP' || reason === undefined || reason === null)) return 'tool_calls';
  return (typeof reason === 'string' && GEMINI_TO_CHAT[reason]) || 'stop';
}

/** Chat `finish_reason` → Gemini `finishReason` (unknown or missing → `STOP`). */
export function geminiFinishFromChat(reason: unknown): string {
  return (typeof reason === 'string' && CHAT_TO_GEMINI[reason]) || 'STOP';
}
