// Owns the request bodies: OpenAI chat requests of a given size, with mock directives in the prompt.

const FILLER = 'The quick brown fox jumps over the lazy dog while the gateway forwards the bytes. ';

export interface BodyOptions {
  /** Target size of the whole JSON body in bytes. */
  bytes: number;
  /** A `[mock …]` directive: travels in the prompt, so it reaches the mock through every gateway. */
  directive?: string;
  stream?: boolean;
}

/** A chat-completions body of about `bytes` bytes whose prompt carries the directive. */
export function chatBody(model: string, opts: BodyOptions): Buffer {
  const make = (content: string) =>
    JSON.stringify({
      model,
      messages: [{ role: 'user', content }],
      ...(opts.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });
  const head = opts.directive ? `${opts.directive} ` : '';
  const room = Math.max(0, opts.bytes - make(head).length);
  const filler = FILLER.repeat(Math.ceil(room / FILLER.length)).slice(0, room);
  return Buffer.from(make(head + filler));
}

export type BodyFor = (model: string) => Buffer;

/** One body per model name, built once: the client never spends time building bodies while measuring. */
export function bodies(opts: BodyOptions): BodyFor {
  const cache = new Map<string, Buffer>();
  return (model) => {
    let body = cache.get(model);
    if (!body) {
      body = chatBody(model, opts);
      cache.set(model, body);
    }
    return body;
  };
}

/**
 * `count` chat bodies of about `bytes` bytes, each with a prompt no other request has sent (`tag` and
 * an index lead the prompt): every one is a cache MISS. Built before a measurement starts.
 */
export function uniqueBodies(model: string, count: number, tag: string, bytes = 1024): Buffer[] {
  return Array.from({ length: count }, (_, i) => chatBody(model, { bytes, directive: `${tag}-${i}` }));
}
