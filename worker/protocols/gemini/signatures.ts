// Owns how Gemini thought signatures travel through Chat: bundled into the signature of a `thinking_blocks` entry.
//
// Gemini signs parts of its answer (above all the first functionCall of a turn) and rejects a follow-up
// turn whose function calls come back without their signatures. Chat has no field for a per-part
// signature, so a turn's signatures ride in one `thinking_blocks` entry (the in-band carrier every
// client protocol already keeps: Anthropic thinking `signature`, Responses `encrypted_content`):
//   { type: "thinking", thinking: "<thought summary>", signature: "gemini:v1:<base64url JSON>" }
// where the JSON is `[[toolCallId, thoughtSignature], …]`. The prefix lets the Anthropic converter drop
// a signature Anthropic could never verify, and lets this folder ignore signatures it did not issue.
import { fromBase64, toBase64Url, utf8 } from '../../lib/encoding';
import { isObject, str } from '../shared/json';
import type { JsonObject } from '../types';

const PREFIX = 'gemini:v1:';

/** True for a signature this folder bundled (a Gemini one riding through another protocol). */
export function isGeminiBundle(signature: unknown): boolean {
  return typeof signature === 'string' && signature.startsWith(PREFIX);
}

/** Tool-call id → Gemini thought signature, as one opaque signature string. */
export function bundleSignatures(signatures: ReadonlyMap<string, string>): string {
  return PREFIX + toBase64Url(utf8(JSON.stringify([...signatures])));
}

/** The signatures of a bundle; anything malformed yields none (the turn goes unsigned, never fails here). */
export function unbundleSignatures(signature: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!isGeminiBundle(signature)) return out;
  try {
    const list: unknown = JSON.parse(new TextDecoder().decode(fromBase64(signature.slice(PREFIX.length))));
    if (!Array.isArray(list)) return out;
    for (const entry of list) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') {
        out.set(entry[0], entry[1]);
      }
    }
  } catch {
    // A client that mangled the bundle loses the signatures, as if it had dropped them.
  }
  return out;
}

/**
 * The Gemini signatures a Chat assistant message carries: bundles in `thinking_blocks`, and Google's
 * own OpenAI-compatible convention `tool_calls[].extra_content.google.thought_signature`.
 */
export function signaturesOfMessage(message: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(message.thinking_blocks)) {
    for (const entry of message.thinking_blocks) {
      if (!isObject(entry)) continue;
      for (const [id, sig] of unbundleSignatures(str(entry.signature) ?? '')) out.set(id, sig);
    }
  }
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isObject(call) || !isObject(call.extra_content)) continue;
      const google = call.extra_content.google;
      const sig = isObject(google) ? str(google.thought_signature) : undefined;
      const id = str(call.id);
      if (sig && id && !out.has(id)) out.set(id, sig);
    }
  }
  return out;
}

/** Tool-call ids of a Chat request's assistant turns that carry no Gemini signature in-band. */
export function unsignedToolCallIds(body: JsonObject): string[] {
  const ids: string[] = [];
  if (!Array.isArray(body.messages)) return ids;
  for (const m of body.messages) {
    if (!isObject(m) || m.role !== 'assistant' || !Array.isArray(m.tool_calls)) continue;
    const signed = signaturesOfMessage(m);
    for (const call of m.tool_calls) {
      const id = isObject(call) ? str(call.id) : undefined;
      if (id && !signed.has(id)) ids.push(id);
    }
  }
  return ids;
}
