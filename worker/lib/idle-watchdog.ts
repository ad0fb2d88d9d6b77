// Owns the idle timeout of a long read: one timer for the whole stream instead of one per chunk.

/**
 * Calls `onIdle` once when `touch()` has not been called for `idleMs`. The timer is re-armed only
 * when it fires early, so a busy stream costs a timestamp per chunk, not a timer and a promise race.
 */
export class IdleWatchdog {
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  fired = false;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    this.arm(idleMs);
  }

  touch(): void {
    this.last = Date.now();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(1, ms));
  }

  private check(): void {
    const idle = Date.now() - this.last;
    if (idle < this.idleMs) {
      this.arm(this.idleMs - idle);
      return;
    }
    this.timer = null;
    this.fired = true;
    this.onIdle();
  }
}
