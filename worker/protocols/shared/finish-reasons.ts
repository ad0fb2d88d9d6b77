// Owns the stop/finish reason tables between Anthropic Messages and OpenAI Chat.

const ANTHROPIC_TO_CHAT: Readonly<Record<string, string>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // A paused server-tool turn has no Chat equivalent; the text so far is a complete answer to show.
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

const CHAT_TO_ANTHROPIC: Readonly<Record<string, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  // Anthropic has `refusal` now; the reference's `end_turn` predates it and hides the filter.
  content_filter: 'refusal',
};

/** Anthropic `stop_reason` → Chat `finish_reason` (unknown or missing → `stop`). */
export function chatFinishReason(stopReason: unknown): string {
  return (typeof stopReason === 'string' && ANTHROPIC_TO_CHAT[stopReason]) || 'stop';
}

/** Chat `finish_reason` → Anthropic `stop_reason` (unknown or missing → `end_turn`). */
export function anthropicStopReason(finishReason: unknown): string {
  return (typeof finishReason === 'string' && CHAT_TO_ANTHROPIC[finishReason]) || 'end_turn';
}
