// SSE framing and the stream player: one res.write per frame, with pacing and mid-stream faults.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { malformedFrame, streamErrorFrame } from './errors.ts';
import type { Fault } from './faults.ts';
import type { Protocol, SseFrame } from './types.ts';

/** A frame carrying only `data:` (OpenAI Chat and Completions streams). */
export function dataFrame(json: string, paced = false): SseFrame {
  return { text: `data: ${json}\n\n`, paced };
}

/** A frame with a named event (Anthropic and Responses streams). */
export function eventFrame(event: string, json: string, paced = false): SseFrame {
  return { text: `event: ${event}\ndata: ${json}\n\n`, paced };
}

export const DONE_FRAME: SseFrame = { text: 'data: [DONE]\n\n', paced: false };

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/**
 * Waits `ms` unless the response closes first (client gone or server closing), so no timer keeps
 * a closed server's process alive. Returns false when the wait was cut short.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Ends the TCP connection after pending bytes flush, leaving the HTTP response incomplete. */
export function abortConnection(res: ServerResponse): void {
  res.socket?.destroySoon();
}

export interface PlayOptions {
  protocol: Protocol;
  /** Bedrock streams `application/vnd.amazon.eventstream`, not SSE. */
  contentType?: string;
  fault: Fault;
  gapMs: number;
  headers: Record<string, string>;
  /** Aborts when the response closes. */
  signal: AbortSignal;
}

/** Whether a fault cuts the stream after `written` frames; returns true when playback must stop. */
function cutAt(res: ServerResponse, written: number, options: PlayOptions): boolean {
  const { fault, protocol } = options;
  if (written === fault.abortAfter) {
    abortConnection(res);
    return true;
  }
  // A stall leaves the response open: the server's close() destroys the socket.
  if (written === fault.stallAfter) return true;
  if (written === fault.badSseAfter) {
    res.end(malformedFrame(protocol));
    return true;
  }
  if (written === fault.errorAfter) {
    res.end(streamErrorFrame(protocol, written));
    return true;
  }
  return false;
}

/** Writes the frames as a 200 event stream, honouring pacing and stream faults. */
export async function playSse(res: ServerResponse, frames: SseFrame[], options: PlayOptions): Promise<void> {
  const type = options.contentType ? { 'content-type': options.contentType } : {};
  res.writeHead(200, { ...SSE_HEADERS, ...type, ...options.headers });
  // Real APIs send headers at once; clients measuring time to first byte see them before any event.
  res.flushHeaders();
  let paced = false;
  for (let i = 0; i < frames.length; i++) {
    if (cutAt(res, i, options)) return;
    const frame = frames[i]!;
    if (frame.paced && paced && options.gapMs > 0) {
      if (!(await pause(options.gapMs, options.signal))) return;
    }
    paced ||= frame.paced;
    res.write(frame.text);
  }
  const written = frames.length;
  const { abortAfter, stallAfter, badSseAfter, errorAfter } = options.fault;
  // Counts at or past the end still break the stream, at its very end.
  const atEnd = (n: number | undefined) => (n !== undefined && n >= written ? written : undefined);
  const lateFault: Fault = {
    abortAfter: atEnd(abortAfter),
    stallAfter: atEnd(stallAfter),
    badSseAfter: atEnd(badSseAfter),
    errorAfter: atEnd(errorAfter),
  };
  if (cutAt(res, written, { ...options, fault: lateFault })) return;
  res.end();
}
