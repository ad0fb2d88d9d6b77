// Owns translating any upstream error body into the Anthropic error envelope.
import { anthropicTypeForStatus } from '../../errors';
import { openaiTypeToAnthropic } from '../shared/error-types';
import { readUpstreamError } from '../shared/upstream-error';
import type { JsonObject } from '../types';

/**
 * Any upstream error body → `{"type":"error","error":{"type","message"}}`. Anthropic's type names
 * follow the HTTP status, so the status decides unless the body is already Anthropic's; without a
 * real status (mid-stream error chunks) an OpenAI type is mapped by name.
 */
export function errorToMessages(status: number, bodyText: string): JsonObject {
  const e = readUpstreamError(status, bodyText);
  let type = e.anthropicType;
  if (!type && status < 400 && e.openaiType) type = openaiTypeToAnthropic(e.openaiType);
  return {
    type: 'error',
    error: { type: type ?? anthropicTypeForStatus(status >= 400 ? status : 500), message: e.message },
  };
}
