// Owns the copy of a response kept for the log while it streams: bounded, never blocking the client.

const HEAD_LIMIT = 4 * 1024 * 1024;
const TAIL_LIMIT = 256 * 1024;

/** Collects bytes up to a head limit, then keeps a tail window so a stream's final usage survives. */
export class ByteCollector {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private tail: Uint8Array[] = [];
  private tailBytes = 0;
  total = 0;

  push = (bytes: Uint8Array): void => {
    this.total += bytes.byteLength;
    if (this.headBytes < HEAD_LIMIT) {
      this.head.push(bytes);
      this.headBytes += bytes.byteLength;
      return;
    }
    this.tail.push(bytes);
    this.tailBytes += bytes.byteLength;
    while (this.tailBytes - (this.tail[0]?.byteLength ?? 0) >= TAIL_LIMIT) {
      this.tailBytes -= this.tail.shift()?.byteLength ?? 0;
    }
  };

  get truncated(): boolean {
    return this.total > this.headBytes + this.tailBytes;
  }

  /** The collected text; a truncated middle is marked so the log says what it lost. */
  text(): string {
    const decoder = new TextDecoder();
    let out = '';
    for (const b of this.head) out += decoder.decode(b, { stream: true });
    out += decoder.decode();
    if (this.tail.length === 0) return out;
    const skipped = this.total - this.headBytes - this.tailBytes;
    if (skipped > 0) out += `\n\n[… ${skipped} bytes not kept …]\n\n`;
    const tailDecoder = new TextDecoder();
    for (const b of this.tail) out += tailDecoder.decode(b, { stream: true });
    return out + tailDecoder.decode();
  }
}
