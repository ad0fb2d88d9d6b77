// Owns writing a batch's log details to R2: one object per UTC day per consumer batch, read back by range.
import { encodeDetail } from './detail-codec';
import { batchObjectName, dayPrefix, type LogDetail, type LogMessage } from './record';

const DAY_MS = 86_400_000;
const encoder = new TextEncoder();

/** Where one record's detail lives: the object and, inside a shared object, its byte range. */
export interface DetailLocation {
  /** Relative to the record's day prefix for shared objects; the full key for a record's own object. */
  key: string;
  offset: number | null;
  length: number | null;
}

/**
 * Writes the inline details of a batch. Records already in R2 (the producer wrote big ones itself)
 * keep their own object. The rest share one object per day: one R2 write per batch instead of one
 * per request, which is what makes logging affordable at volume. A redelivered batch writes a new
 * object; the old one is an orphan the daily retention sweep removes with its day.
 */
export async function writeDetails(
  bucket: R2Bucket,
  items: LogMessage[],
): Promise<Map<string, DetailLocation>> {
  const out = new Map<string, DetailLocation>();
  const byDay = new Map<number, LogMessage[]>();
  for (const msg of items) {
    if (msg.detail_r2_key) {
      const prefix = dayPrefix(msg.request_time);
      const key = msg.detail_r2_key.startsWith(prefix)
        ? msg.detail_r2_key.slice(prefix.length)
        : msg.detail_r2_key;
      out.set(msg.id, { key, offset: null, length: null });
    } else if (msg.detail && msg.record_details) {
      const day = Math.floor(msg.request_time / DAY_MS);
      const list = byDay.get(day);
      if (list) list.push(msg);
      else byDay.set(day, [msg]);
    }
  }
  await Promise.all(
    [...byDay].map(async ([day, msgs]) => {
      const name = batchObjectName();
      const key = `${dayPrefix(day * DAY_MS)}${name}`;
      // Records are separated by a newline for readability; each is read back by its byte range.
      const parts = msgs.map((m) => encoder.encode(`${encodeDetail(m.detail as LogDetail)}\n`));
      const body = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
      let offset = 0;
      msgs.forEach((m, i) => {
        const part = parts[i] as Uint8Array;
        body.set(part, offset);
        // The trailing newline is not part of the record.
        out.set(m.id, { key: name, offset, length: part.byteLength - 1 });
        offset += part.byteLength;
      });
      await bucket.put(key, body, { httpMetadata: { contentType: 'text/plain; charset=utf-8' } });
    }),
  );
  return out;
}
