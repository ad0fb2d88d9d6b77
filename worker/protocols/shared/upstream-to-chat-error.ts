// Owns translating any upstream error body into the OpenAI error envelope.
import { openaiTypeForStatus } from '../../errors';
import type { JsonObject } from '../types';
import { anthropicTypeToOpenai } from './error-types';
import { readUpstreamError } from './upstream-error';

/**
 * Any upstream error body → `{"error":{"message","type","code","param"}}`. The type comes from the
 * body when it names one, else from the status (a status below 400, as in a mid-stream error
 * event, counts as a server error). An Anthropic type is kept as `code` so nothing is lost.
 */
export function errorToChat(status: number, bodyText: string): JsonObject {
  const e = readUpstreamError(status, bodyText);
  const effectiveStatus = status >= 400 ? status : 500;
  let type = e.openaiType;
  if (!type && e.anthropicType) type = anthropicTypeToOpenai(e.anthropicType);
  return {
    error: {
      message: e.message,
      type: type ?? openaiTypeForStatus(effectiveStatus),
      code: e.code ?? e.anthropicType ?? null,
      param: e.param ?? null,
    },
  };
}
