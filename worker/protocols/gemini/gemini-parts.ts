// Owns reading the parts of a Gemini candidate: thoughts, text, function calls and their signatures.
import { isObject, requireObject, str } from '../shared/json';
import type { JsonObject } from '../types';

/** A function call as Chat carries it, with the signature Gemini put on its part. */
export interface GeminiCall {
  id: string;
  name: string;
  arguments: string;
  signature?: string;
}

/** What one candidate (or one stream chunk of it) says. */
export interface CandidateParts {
  text: string;
  thought: string;
  calls: GeminiCall[];
}

/**
 * A tool-call id for a call Gemini gave none (Chat clients pair results by id): derived from the
 * response id and the call's position, so it is unique per answer and the same answer streamed or
 * not gets the same ids; random when the response has no id.
 */
export function newCallId(responseId: string | undefined, index: number): string {
  const base = responseId?.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 28);
  return base ? `call_${base}_${index}` : `call_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/**
 * Reads a candidate's `content.parts`; code execution and inline media have no Chat form and are
 * skipped. `firstCall` numbers the calls of a stream across its chunks.
 */
export function readParts(
  candidate: JsonObject | undefined,
  path: string,
  responseId?: string,
  firstCall = 0,
): CandidateParts {
  const out: CandidateParts = { text: '', thought: '', calls: [] };
  const content = candidate && isObject(candidate.content) ? candidate.content : undefined;
  const parts = content && Array.isArray(content.parts) ? content.parts : [];
  parts.forEach((raw, i) => {
    const part = requireObject(raw, `${path}.content.parts[${i}]`);
    if (isObject(part.functionCall)) {
      const fc = part.functionCall;
      const call: GeminiCall = {
        id: str(fc.id) ?? newCallId(responseId, firstCall + out.calls.length),
        name: str(fc.name) ?? '',
        arguments: JSON.stringify(isObject(fc.args) ? fc.args : {}),
      };
      const signature = str(part.thoughtSignature);
      if (signature) call.signature = signature;
      out.calls.push(call);
    } else if (typeof part.text === 'string') {
      if (part.thought === true) out.thought += part.text;
      else out.text += part.text;
    }
  });
  return out;
}
