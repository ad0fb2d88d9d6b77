// Records every proxied request (bounded ring buffer) so tests can compare forwarded bytes and headers.
import type { IncomingHttpHeaders } from 'node:http';

/** A request as the mock received it. `body` is the raw bytes decoded as UTF-8. */
export interface RecordedRequest {
  /** Position in the server's request sequence, starting at 1. */
  seq: number;
  /** Milliseconds since the epoch when the body finished arriving. */
  time: number;
  method: string;
  /** Path and query exactly as requested. */
  url: string;
  /** Path without the query. */
  path: string;
  provider: string;
  /** Lower-cased header names, as Node joins repeated headers. */
  headers: IncomingHttpHeaders;
  body: string;
  /** The same bytes in base64, exact even for binary multipart bodies. */
  bodyBase64: string;
  /** True when the client hung up before the reply was complete (a cancelled upstream request). */
  clientClosed: boolean;
}

interface Entry {
  clientClosed?: boolean;
  seq: number;
  time: number;
  method: string;
  url: string;
  path: string;
  provider: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

export class Recorder {
  readonly #capacity: number;
  #entries: Entry[] = [];
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  add(entry: Entry): Entry {
    // Decoding is deferred to reads: the hot path only keeps references.
    if (this.#entries.length < this.#capacity) this.#entries.push(entry);
    else this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
    return entry;
  }

  /** Recorded requests, oldest first, optionally for one provider. */
  list(provider?: string): RecordedRequest[] {
    const ordered =
      this.#entries.length < this.#capacity
        ? this.#entries
        : [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)];
    const out: RecordedRequest[] = [];
    for (const e of ordered) {
      if (provider !== undefined && e.provider !== provider) continue;
      out.push({
        seq: e.seq,
        time: e.time,
        method: e.method,
        url: e.url,
        path: e.path,
        provider: e.provider,
        headers: { ...e.headers },
        body: e.raw.toString('utf8'),
        bodyBase64: e.raw.toString('base64'),
        clientClosed: e.clientClosed === true,
      });
    }
    return out;
  }

  clear(): void {
    this.#entries = [];
    this.#next = 0;
  }
}
