// Owns the reason a request was cancelled on purpose (an admin cancel), told apart from a client leaving.

export class CancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CancelledError';
  }
}

/** The cancel message when `signal` was aborted by a cancel (not by the client going away), else null. */
export function cancellationOf(signal: AbortSignal | undefined): string | null {
  const reason: unknown = signal?.aborted ? signal.reason : undefined;
  return reason instanceof Error && reason.name === 'CancelledError' ? reason.message : null;
}
