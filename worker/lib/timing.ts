// Owns small timing helpers: sleeping, racing a promise against a timeout, parsing Retry-After.

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves with the promise, or rejects with TimeoutError after `ms`; the timer is always cleared. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  // If the timeout wins, the original promise may still reject later; that rejection is expected.
  promise.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => {
    if (timer !== null) clearTimeout(timer);
  });
}

/** Milliseconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date), or null. */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | null,
  now = Date.now(),
): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
