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

/** A fresh tool-call id: Gemini's calls usually have none, and Chat clients pair results by id. */
export function newCallId(): string {
  return `call_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/** Reads a candidate's `content.parts`; code execution and inline media have no Chat form and are skipped. */
export function readParts(candidate: JsonObject | undefined, path: string): CandidateParts {
  const out: CandidateParts = { text: '', thought: '', calls: [] };
  const content = candidate && isObject(candidate.content) ? candidate.content : undefined;
  const parts = content && Array.isArray(content.parts) ? content.parts : [];
  parts.forEach((raw, i) => {
    const part = requireObject(raw, `${path}.content.parts[${i}]`);
    if (isObject(part.functionCall)) {
      const fc = part.functionCall;
      const call: GeminiCall = {
        id: str(fc.id) ?? newCallId(),
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
