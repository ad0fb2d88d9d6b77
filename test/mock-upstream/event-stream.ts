// Encodes AWS event-stream frames (what Bedrock streams), with the CRC-32 checksums real clients verify.
import { crc32 } from 'node:zlib';

function header(name: string, value: string): Buffer {
  const n = Buffer.from(name);
  const v = Buffer.from(value);
  const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
  out.writeUInt8(n.length, 0);
  n.copy(out, 1);
  out.writeUInt8(7, 1 + n.length); // string
  out.writeUInt16BE(v.length, 2 + n.length);
  v.copy(out, 4 + n.length);
  return out;
}

/** One frame: prelude (lengths + CRC), string headers, payload, message CRC. */
export function eventFrame(headers: Record<string, string>, payload: Buffer | string): Buffer {
  const head = Buffer.concat(Object.entries(headers).map(([k, v]) => header(k, v)));
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const total = 12 + head.length + body.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(head.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  head.copy(out, 12);
  body.copy(out, 12 + head.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** A Converse stream event (`messageStart`, `contentBlockDelta`, …). */
export function converseEvent(type: string, payload: unknown): Buffer {
  return eventFrame(
    { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify(payload),
  );
}

/** An InvokeModel stream chunk: the model's own event JSON, base64 in `bytes`. */
export function chunkEvent(json: string): Buffer {
  return converseEvent('chunk', { bytes: Buffer.from(json).toString('base64') });
}

/** The frame Bedrock sends when a stream fails after it started. */
export function exceptionFrame(type: string, message: string): Buffer {
  return eventFrame(
    { ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}
