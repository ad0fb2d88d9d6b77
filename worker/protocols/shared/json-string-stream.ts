// Owns reading one string field out of JSON that arrives in fragments: the input of a freeform call streamed as function arguments.

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Decodes the value of `"<field>": "…"` as its fragments arrive, so a freeform tool's input can
 * stream as text deltas while the model writes `{"input": "…"}`. Escapes split across fragments and
 * surrogate pairs are held until complete. Anything after the closing quote is ignored.
 */
export class JsonStringField {
  private raw = '';
  /** Index in `raw` of the next character of the value; -1 until the value's opening quote is seen. */
  private at = -1;
  private pendingHigh = '';
  done = false;

  constructor(private readonly field: string) {}

  /** Adds a fragment of the JSON text; returns the newly decoded part of the value (maybe empty). */
  push(fragment: string): string {
    this.raw += fragment;
    if (this.done) return '';
    if (this.at < 0) {
      const start = new RegExp(`"${this.field}"\\s*:\\s*"`).exec(this.raw);
      if (!start) return '';
      this.at = start.index + start[0].length;
    }
    return this.decode();
  }

  private decode(): string {
    let out = '';
    while (this.at < this.raw.length) {
      const ch = this.raw[this.at] as string;
      if (ch === '"') {
        this.done = true;
        break;
      }
      if (ch !== '\\') {
        out += this.flushHigh() + ch;
        this.at++;
        continue;
      }
      const next = this.raw[this.at + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = this.raw.slice(this.at + 2, this.at + 6);
        if (hex.length < 4) break;
        const unit = String.fromCharCode(Number.parseInt(hex, 16) || 0);
        const code = unit.charCodeAt(0);
        if (code >= 0xd800 && code <= 0xdbff) {
          out += this.flushHigh();
          this.pendingHigh = unit;
        } else if (code >= 0xdc00 && code <= 0xdfff && this.pendingHigh) {
          out += this.pendingHigh + unit;
          this.pendingHigh = '';
        } else {
          out += this.flushHigh() + unit;
        }
        this.at += 6;
        continue;
      }
      out += this.flushHigh() + (ESCAPES[next] ?? next);
      this.at += 2;
    }
    return this.done ? out + this.flushHigh() : out;
  }

  private flushHigh(): string {
    const high = this.pendingHigh;
    this.pendingHigh = '';
    return high;
  }
}
