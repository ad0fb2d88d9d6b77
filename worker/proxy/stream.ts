// Owns the client-facing stream after the commit point: idle timeouts, conversion, taps and clean failure.

import { cancellationOf } from '../lib/cancellation';
import { IdleWatchdog } from '../lib/idle-watchdog';
import { type SseEvent, SseParser, serializeSse } from '../lib/sse';
import { TimeoutError } from '../lib/timing';
import type { StreamConverter } from '../protocols/types';

export type StreamEndReason =
  | 'complete'
  | 'upstream_error'
  | 'timeout'
  | 'conversion_error'
  | 'client_disconnected'
  | 'cancelled';

export interface StreamEnd {
  reason: StreamEndReason;
  message?: string;
}

export interface ClientStreamOptions {
  head: Uint8Array[];
  reader: ReadableStreamDefaultReader<Uint8Array>;
  idleTimeoutMs: number;
  /** Null passes upstream bytes through untouched. */
  converter: StreamConverter | null;
  /** The events that end a failed stream in the client's protocol. */
  errorEvents: (message: string) => SseEvent[];
  onUpstreamChunk?: (bytes: Uint8Array) => void;
  onClientChunk?: (bytes: Uint8Array) => void;
  onEnd: (end: StreamEnd) => void;
  /** Aborts the upstream request (client gone). */
  abortUpstream: () => void;
  /** Aborts when the client disconnects, even while the upstream is silent and nothing is being written. */
  clientSignal?: AbortSignal;
}

const encoder = new TextEncoder();

function encodeEvents(events: SseEvent[]): Uint8Array | null {
  if (events.length === 0) return null;
  let text = '';
  for (const ev of events) text += serializeSse(ev);
  return encoder.encode(text);
}

/** The body the client reads: pulls upstream on demand so nothing is buffered beyond one chunk. */
export function createClientStream(opts: ClientStreamOptions): ReadableStream<Uint8Array> {
  const parser = opts.converter ? new SseParser() : null;
  const queue = [...opts.head];
  let ended = false;

  let reading = false;
  // An idle upstream is cancelled, which ends the pending read; the pull loop then sees `fired`. With
  // no read pending the client has stopped reading for that long: the request ends here, so its log
  // record is written even if the client never reads or leaves.
  const watchdog = new IdleWatchdog(opts.idleTimeoutMs, () => {
    opts.reader.cancel().catch(() => {});
    if (!reading)
      finish({ reason: 'timeout', message: `the client read nothing for ${opts.idleTimeoutMs} ms` });
  });
  const finish = (end: StreamEnd) => {
    if (ended) return;
    ended = true;
    watchdog.stop();
    opts.clientSignal?.removeEventListener('abort', clientGone);
    opts.onEnd(end);
  };
  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, bytes: Uint8Array | null) => {
    if (!bytes || bytes.byteLength === 0) return false;
    opts.onClientChunk?.(bytes);
    controller.enqueue(bytes);
    return true;
  };
  const convert = (bytes: Uint8Array): Uint8Array | null => {
    if (!parser || !opts.converter) return bytes;
    const out: SseEvent[] = [];
    for (const ev of parser.push(bytes)) out.push(...opts.converter.push(ev));
    return encodeEvents(out);
  };
  const fail = (
    controller: ReadableStreamDefaultController<Uint8Array>,
    reason: StreamEndReason,
    message: string,
  ) => {
    opts.abortUpstream();
    emit(controller, encodeEvents(opts.errorEvents(message)));
    controller.close();
    finish({ reason, message });
  };

  let streamController: ReadableStreamDefaultController<Uint8Array> | null = null;
  function clientGone() {
    const cancelled = cancellationOf(opts.clientSignal);
    opts.reader.cancel().catch(() => {});
    // An admin cancel: the client is still there and gets a well-formed error event in its protocol.
    if (cancelled && streamController && !ended) return fail(streamController, 'cancelled', cancelled);
    opts.abortUpstream();
    finish({ reason: 'client_disconnected', message: 'client disconnected' });
  }
  opts.clientSignal?.addEventListener('abort', clientGone, { once: true });

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        streamController = controller;
      },
      async pull(controller) {
        try {
          for (;;) {
            const next = queue.shift();
            if (next) {
              opts.onUpstreamChunk?.(next);
              if (emit(controller, convert(next))) return;
              continue;
            }
            // Idle time counts from here: a slow client is not a slow upstream.
            watchdog.touch();
            reading = true;
            const { done, value } = await opts.reader.read().finally(() => {
              reading = false;
            });
            watchdog.touch();
            if (watchdog.fired) throw new TimeoutError(`upstream sent nothing for ${opts.idleTimeoutMs} ms`);
            if (done) {
              const tail: SseEvent[] = [];
              if (parser && opts.converter) {
                for (const ev of parser.end()) tail.push(...opts.converter.push(ev));
                tail.push(...opts.converter.end());
              }
              emit(controller, encodeEvents(tail));
              controller.close();
              finish({ reason: 'complete' });
              return;
            }
            queue.push(value);
          }
        } catch (err) {
          if (ended) {
            // Already ended (the watchdog, or the client left): close what the client still holds.
            try {
              controller.close();
            } catch {
              // already closed or errored
            }
            return;
          }
          const message = err instanceof Error ? err.message : String(err);
          if (err instanceof TimeoutError || watchdog.fired) {
            fail(controller, 'timeout', `Upstream stream timed out: no data for ${opts.idleTimeoutMs} ms`);
          } else if (err instanceof Error && err.name === 'ConversionError')
            fail(controller, 'conversion_error', message);
          else fail(controller, 'upstream_error', `Upstream stream failed: ${message}`);
        }
      },
      cancel: clientGone,
    },
    { highWaterMark: 0 },
  );
}
