// Tests AWS event-stream decoding: checksums, frames split across chunks, and the SSE each frame becomes.
import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeFrames,
  eventStreamToSse,
  frameToSse,
} from '../../../../worker/protocols/bedrock/event-stream';

const enc = new TextEncoder();

/** Builds one frame with string headers, as Bedrock sends them. */
function frame(headers: Record<string, string>, payload: string): Uint8Array {
  const head: number[] = [];
  for (const [k, v] of Object.entries(headers)) {
    const name = enc.encode(k);
    const value = enc.encode(v);
    head.push(name.length, ...name, 7, value.length >> 8, value.length & 0xff, ...value);
  }
  const body = enc.encode(payload);
  const total = 12 + head.length + body.length + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, head.length);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(head, 12);
  out.set(body, 12 + head.length);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

const event = (type: string, payload: unknown) =>
  frame(
    { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify(payload),
  );

async function sse(chunks: Uint8Array[]): Promise<string> {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  }).pipeThrough(eventStreamToSse());
  return new Response(stream).text();
}

describe('AWS event-stream frames', () => {
  it('computes the IEEE CRC-32 check value', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
  });

  it('decodes Converse events into named SSE events, even when frames are split across chunks', async () => {
    const bytes = new Uint8Array([
      ...event('messageStart', { role: 'assistant' }),
      ...event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }),
    ]);
    const text = await sse([bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)]);
    expect(text).toBe(
      'event: messageStart\ndata: {"role":"assistant"}\n\n' +
        'event: contentBlockDelta\ndata: {"contentBlockIndex":0,"delta":{"text":"Hi"}}\n\n',
    );
  });

  it('unwraps InvokeModel chunks (base64 bytes) into the Anthropic events they carry', () => {
    const inner = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}';
    const { messages } = decodeFrames(event('chunk', { bytes: btoa(inner) }));
    expect(frameToSse(messages[0]!)).toBe(`event: content_block_delta\ndata: ${inner}\n\n`);
  });

  it('turns an exception frame into an error event with its message', () => {
    const bytes = frame(
      { ':exception-type': 'throttlingException', ':message-type': 'exception' },
      '{"message":"Too many tokens"}',
    );
    const { messages } = decodeFrames(bytes);
    expect(JSON.parse(frameToSse(messages[0]!).split('data: ')[1]!)).toEqual({
      type: 'error',
      error: { type: 'throttlingException', message: 'Too many tokens' },
    });
  });

  it('refuses a frame whose message checksum is wrong, and a stream that ends inside a frame', async () => {
    const bytes = event('messageStop', { stopReason: 'end_turn' });
    const corrupt = bytes.slice();
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
    expect(() => decodeFrames(corrupt)).toThrow(/message checksum/);
    await expect(sse([bytes.subarray(0, bytes.length - 3)])).rejects.toThrow(/inside a frame/);
  });
});
