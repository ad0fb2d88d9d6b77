// Owns a stored answer: what the provider sent (its protocol, stream or body), where it came from, and its byte format.
import { z } from 'zod';
import { concatBytes, utf8 } from '../lib/encoding';
import { PROTOCOL_PRESETS, type WireProtocol } from '../protocols/catalogue';

/**
 * One cached answer, kept in the provider's own protocol exactly as it arrived, so a hit runs the
 * same converters a live request does and reaches any client protocol the answer converts to.
 */
export interface CacheEntry {
  protocol: WireProtocol;
  /**
   * The endpoint whose shape the answer has (the client's on a same-protocol answer, Chat's on a
   * converted one): tells Chat from legacy Completions and embeddings on `openai`.
   */
  upstreamPath: string;
  /** True when the answer arrived as SSE; `body` then holds the events as received. */
  stream: boolean;
  status: number;
  contentType: string | null;
  body: Uint8Array;
  /** Epoch ms when the answer was complete: its age counts from here. */
  createdAt: number;
  ttlSeconds: number;
  /** The request that produced it. */
  traceId: string;
  linkId: number | null;
  providerName: string | null;
  targetModel: string | null;
}

const WIRE_PROTOCOLS = [...new Set(PROTOCOL_PRESETS.map((p) => p.implementation))] as [
  WireProtocol,
  ...WireProtocol[],
];

const metaSchema = z.object({
  v: z.literal(1),
  protocol: z.enum(WIRE_PROTOCOLS),
  upstreamPath: z.string().max(200),
  stream: z.boolean(),
  status: z.number().int().min(200).max(299),
  contentType: z.string().max(200).nullable(),
  createdAt: z.number().int(),
  ttlSeconds: z.number().int().min(1),
  traceId: z.string().max(100),
  linkId: z.number().int().nullable(),
  providerName: z.string().nullable(),
  targetModel: z.string().nullable(),
  bodyBytes: z.number().int().min(0),
});

const NEWLINE = 10;

/** One JSON line of metadata, then the body's raw bytes: nothing of the body is escaped or copied twice. */
export function encodeEntry(entry: CacheEntry): Uint8Array {
  const { body, ...rest } = entry;
  const meta = utf8(`${JSON.stringify({ v: 1, ...rest, bodyBytes: body.byteLength })}\n`);
  return concatBytes([meta, body]);
}

/** The entry in `bytes`, or null when they are not one this version wrote (read as a miss, never trusted). */
export function decodeEntry(bytes: Uint8Array): CacheEntry | null {
  const cut = bytes.indexOf(NEWLINE);
  if (cut < 0) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes.subarray(0, cut)));
  } catch {
    return null;
  }
  const meta = metaSchema.safeParse(raw);
  if (!meta.success) return null;
  const body = bytes.subarray(cut + 1);
  if (body.byteLength !== meta.data.bodyBytes) return null;
  const { v: _v, bodyBytes: _n, ...fields } = meta.data;
  return { ...fields, body };
}

/** Whether the entry may answer a request that accepts answers up to `maxAgeSeconds` old. */
export function isFresh(entry: CacheEntry, maxAgeSeconds: number, now = Date.now()): boolean {
  // Another isolate's clock may run a little ahead: a slightly negative age is still fresh.
  return now - entry.createdAt <= Math.min(entry.ttlSeconds, maxAgeSeconds) * 1000;
}
