// Owns the Chat → text-completion finish_reason mapping (the legacy API knows only stop, length, content_filter).
export function completionFinishReason(finish: unknown): string | null {
  if (finish === null || finish === undefined) return null;
  if (finish === 'length' || finish === 'content_filter') return finish;
  return 'stop';
}
