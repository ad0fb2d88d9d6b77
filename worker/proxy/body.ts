// Owns reading a client's request body: size limits, content types, JSON validation and form parsing.

import { GatewayError } from '../errors';
import { concatBytes } from '../lib/encoding';
import type { JsonObject } from '../protocols/types';

export interface JsonBody {
  kind: 'json';
  /** The body exactly as received; only explicit splices change it on the way upstream. */
  raw: string;
  json: JsonObject;
}

export interface FormBody {
  kind: 'form';
  form: FormData;
  /** Non-file fields, for rules and logging. */
  fields: JsonObject;
}

async function readLimited(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () =>
    new GatewayError(
      'payload_too_large',
      `Request body exceeds the ${Math.floor(limit / 1048576)} MiB limit`,
    );
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array();
  // A declared length within the limit is read natively in one go; only chunked bodies are counted here.
  if (Number.isFinite(declared)) {
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge();
    return bytes;
  }
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return concatBytes(parts);
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Reads a JSON object body; malformed JSON, non-objects and foreign content types are 400/415. */
export async function readJsonBody(req: Request, limit: number): Promise<JsonBody> {
  const type = req.headers.get('content-type');
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new GatewayError(
      'unsupported_media_type',
      `Content-Type must be application/json, got "${type.slice(0, 100)}"`,
    );
  }
  const bytes = await readLimited(req, limit);
  let raw: string;
  try {
    raw = fatalDecoder.decode(bytes);
  } catch {
    throw new GatewayError('invalid_json', 'Request body is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    const where = err instanceof SyntaxError ? `: ${err.message}` : '';
    throw new GatewayError('invalid_json', `Request body is not valid JSON${where}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new GatewayError('invalid_request', 'Request body must be a JSON object');
  }
  return { kind: 'json', raw, json: json as JsonObject };
}

/** Reads a multipart form body; file parts stay as Files, text fields are collected for rules and logs. */
export async function readFormBody(req: Request, limit: number): Promise<FormBody> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    throw new GatewayError('unsupported_media_type', 'Content-Type must be multipart/form-data');
  }
  const bytes = await readLimited(req, limit);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new GatewayError('invalid_request', 'Request body is not a valid multipart form');
  }
  const fields: JsonObject = {};
  form.forEach((value, name) => {
    if (typeof value !== 'string') return;
    const prev = fields[name];
    fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  });
  return { kind: 'form', form, fields };
}

/** A form boolean: only "true"/"1" (any case) is true; "false", "0" and "" are false. */
export function formBoolean(value: unknown): boolean {
  return typeof value === 'string' && /^(true|1)$/i.test(value.trim());
}
