// Owns an instance's recent rate of one scope (requests and tokens per second), which sizes its slices.

/** Counts the current and the previous second; the rate is the larger of the two. */
export class RecentRate {
  private second = 0;
  private current = 0;
  private previous = 0;
  private tokens = 0;
  private previousTokens = 0;

  note(now: number, tokens: number): void {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      const next = second === this.second + 1;
      this.previous = next ? this.current : 0;
      this.previousTokens = next ? this.tokens : 0;
      this.second = second;
      this.current = 0;
      this.tokens = 0;
    }
    this.current += 1;
    this.tokens += tokens;
  }

  requests(): number {
    return Math.max(this.previous, this.current);
  }

  tokensPerSecond(): number {
    return Math.max(this.previousTokens, this.tokens);
  }
}
