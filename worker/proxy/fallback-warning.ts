// Owns the rate-limited warning an isolate logs when requests plan without the balancer.

const fallbackWarned = new Map<string, { at: number; since: number }>();

/** One warning per model per minute per isolate: when the balancer is away, every request falls back. */
export function warnFallback(model: string, reason: string | undefined): void {
  const now = Date.now();
  const seen = fallbackWarned.get(model);
  if (seen && now - seen.at < 60_000) {
    seen.since++;
    return;
  }
  const more = seen?.since ? ` (${seen.since} more since the last warning)` : '';
  console.warn(`balancer fallback for ${model}: ${reason}${more}`);
  if (fallbackWarned.size > 1000) fallbackWarned.clear();
  fallbackWarned.set(model, { at: now, since: 0 });
}
