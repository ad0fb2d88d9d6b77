// Owns AWS event-stream framing (Bedrock's streaming responses): binary frames in, SSE events out.
import { fromBase64 } from '../../lib/encoding';
import { ConversionError } from '../types';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as the frames' prelude and message checksums use. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++)
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface EventMessage {
  headers: Record<string, string>;
  payload: Uint8Array;
}

const decoder = new TextDecoder();

function readHeaders(bytes: Uint8Array, view: DataView): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < bytes.length) {
    const nameLength = bytes[at] as number;
    const name = decoder.decode(bytes.subarray(at + 1, at + 1 + nameLength));
    at += 1 + nameLength;
    const type = bytes[at] as number;
    at += 1;
    // Only string (7) headers matter here; the others are skipped by their fixed or stated size.
    const fixed: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };
    if (type === 6 || type === 7) {
      const length = view.getUint16(bytes.byteOffset + at);
      if (type === 7) out[name] = decoder.decode(bytes.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    } else if (fixed[type] !== undefined) at += fixed[type] as number;
    else throw new ConversionError(`event-stream header ${name} has unknown type ${type}`);
  }
  return out;
}

/** Splits a byte buffer into complete frames; returns them and the bytes of an unfinished one. */
export function decodeFrames(buffer: Uint8Array): { messages: EventMessage[]; rest: Uint8Array } {
  const messages: EventMessage[] = [];
  let at = 0;
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  while (buffer.length - at >= 12) {
    const total = view.getUint32(at);
    const headersLength = view.getUint32(at + 4);
    if (total < 16 || headersLength > total - 16)
      throw new ConversionError('event-stream frame has a bad length');
    if (view.getUint32(at + 8) !== crc32(buffer.subarray(at, at + 8))) {
      throw new ConversionError('event-stream frame has a bad prelude checksum');
    }
    if (buffer.length - at < total) break;
    const frame = buffer.subarray(at, at + total);
    if (view.getUint32(at + total - 4) !== crc32(frame.subarray(0, total - 4))) {
      throw new ConversionError('event-stream frame has a bad message checksum');
    }
    const headerBytes = frame.subarray(12, 12 + headersLength);
    const headerView = new DataView(frame.buffer, 0, frame.buffer.byteLength);
    messages.push({
      headers: readHeaders(headerBytes, headerView),
      payload: frame.subarray(12 + headersLength, total - 4),
    });
    at += total;
  }
  return { messages, rest: buffer.slice(at) };
}

/**
 * One frame as an SSE event: InvokeModel stream `chunk`s unwrap their base64 `bytes` (an Anthropic
 * event, named by its `type`); Converse events keep their `:event-type`; exceptions become `error`.
 */
export function frameToSse(message: EventMessage): string {
  const kind = message.headers[':message-type'] ?? 'event';
  const text = decoder.decode(message.payload);
  if (kind !== 'event') {
    const type =
      message.headers[':exception-type'] ?? message.headers[':error-code'] ?? 'internalServerException';
    let detail = message.headers[':error-message'] ?? text;
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === 'string') detail = parsed.message;
    } catch {
      // a plain-text message
    }
    const data = JSON.stringify({ type: 'error', error: { type, message: detail } });
    return `event: error\ndata: ${data}\n\n`;
  }
  const eventType = message.headers[':event-type'] ?? 'message';
  if (eventType === 'chunk') {
    const wrapped = JSON.parse(text) as { bytes?: string };
    const inner = decoder.decode(fromBase64(wrapped.bytes ?? ''));
    const type = (JSON.parse(inner) as { type?: string }).type ?? 'message';
    return `event: ${type}\ndata: ${inner}\n\n`;
  }
  return `event: ${eventType}\ndata: ${text}\n\n`;
}

/** A stream transform: AWS event-stream bytes → SSE text bytes, frame by frame. */
export function eventStreamToSse(): TransformStream<Uint8Array, Uint8Array> {
  let pending: Uint8Array = new Uint8Array(0);
  const encoder = new TextEncoder();
  return new TransformStream({
    transform(chunk, controller) {
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      const { messages, rest } = decodeFrames(joined);
      pending = rest;
      if (messages.length > 0) controller.enqueue(encoder.encode(messages.map(frameToSse).join('')));
    },
    flush() {
      if (pending.length > 0) throw new ConversionError('event stream ended inside a frame');
    },
  });
}
