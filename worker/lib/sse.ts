// Owns the one SSE parser and serializer: bytes or text in, events out, and events back to text.

/** One server-sent event. `data` holds the joined data lines; `event` is absent for unnamed events. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

/**
 * Incremental SSE parser (WHATWG event-stream rules): feed it chunks, get complete events.
 * Handles CRLF/CR/LF line endings, comments, multi-line data and chunks split anywhere.
 */
export class SseParser {
  private buffer = '';
  private decoder = new TextDecoder();
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  private retry: number | undefined;
  private sawField = false;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Flushes a trailing event that was not followed by a blank line. */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    const buf = this.buffer;
    for (let i = 0; i < buf.length; i++) {
      const ch = buf.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      // A CR at the very end may be the first half of CRLF: wait for more input.
      if (ch === 13 && i === buf.length - 1 && !final) break;
      this.line(buf.slice(start, i), out);
      if (ch === 13 && buf.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.buffer = buf.slice(start);
    if (final) {
      if (this.buffer.length > 0) this.line(this.buffer, out);
      this.buffer = '';
      this.dispatch(out);
    }
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    this.sawField = true;
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
  }

  private dispatch(out: SseEvent[]): void {
    if (!this.sawField) return;
    if (this.data.length > 0 || this.event !== undefined) {
      const ev: SseEvent = { data: this.data.join('\n') };
      if (this.event !== undefined) ev.event = this.event;
      if (this.id !== undefined) ev.id = this.id;
      if (this.retry !== undefined) ev.retry = this.retry;
      out.push(ev);
    }
    this.data = [];
    this.event = undefined;
    this.id = undefined;
    this.retry = undefined;
    this.sawField = false;
  }
}

/** Serializes one event in the canonical `event:`/`data:` form followed by a blank line. */
export function serializeSse(ev: SseEvent): string {
  let out = '';
  if (ev.event !== undefined) out += `event: ${ev.event}\n`;
  if (ev.id !== undefined) out += `id: ${ev.id}\n`;
  if (ev.retry !== undefined) out += `retry: ${ev.retry}\n`;
  for (const line of ev.data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** Parses a whole SSE text at once (fixtures, logs). */
export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

/**
 * Cuts SSE text into its events' raw text, each with the blank line that ends it, bytes untouched:
 * how a stored stream is replayed with its original event boundaries. A trailing unterminated
 * event is kept as the last piece.
 */
export function splitSseEvents(text: string): string[] {
  const out: string[] = [];
  const boundary = /\r\n\r\n|\n\n|\r\r/g;
  let start = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    out.push(text.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}
