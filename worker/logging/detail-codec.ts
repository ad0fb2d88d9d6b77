// Owns the stored form of a log detail: a small JSON header, then the bodies as raw text (no escaping).
import type { LogDetail } from './record';

const MAGIC = '#detail/v1 ';
const BODY_FIELDS = ['request_body', 'converted_request', 'upstream_response', 'client_response'] as const;
type BodyField = (typeof BODY_FIELDS)[number];

/**
 * Encodes a detail as `#detail/v1 <header JSON>\n<bodies>`: the header holds every small field and
 * where each body starts and ends. Bodies are written as they are, so a 100 KB body costs a copy, not
 * a JSON escape of every quote in it (the bodies are mostly JSON themselves).
 */
export function encodeDetail(detail: LogDetail): string {
  const sections: Partial<Record<BodyField, [number, number]>> = {};
  const header: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (!(BODY_FIELDS as readonly string[]).includes(k)) header[k] = v;
  }
  let at = 0;
  const parts: string[] = [];
  for (const field of BODY_FIELDS) {
    const body = detail[field];
    if (body === null || body === undefined) continue;
    sections[field] = [at, body.length];
    parts.push(body);
    at += body.length;
  }
  header.sections = sections;
  return `${MAGIC}${JSON.stringify(header)}\n${parts.join('')}`;
}

/** Decodes a stored detail: the sectioned form, or plain JSON as older objects hold. */
export function decodeDetail(text: string): unknown {
  if (!text.startsWith(MAGIC)) return JSON.parse(text);
  const eol = text.indexOf('\n');
  if (eol === -1) throw new SyntaxError('detail header has no end');
  const header = JSON.parse(text.slice(MAGIC.length, eol)) as Record<string, unknown>;
  const sections = (header.sections ?? {}) as Partial<Record<BodyField, [number, number]>>;
  const bodies = text.slice(eol + 1);
  const out: Record<string, unknown> = { ...header };
  delete out.sections;
  for (const field of BODY_FIELDS) {
    const range = sections[field];
    out[field] = range ? bodies.slice(range[0], range[0] + range[1]) : null;
  }
  return out;
}
