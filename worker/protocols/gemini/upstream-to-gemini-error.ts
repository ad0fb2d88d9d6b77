// Owns Google's error envelope: any upstream error body → `{"error":{"code","message","status"}}`.
import { googleStatusName } from '../../errors';
import { readUpstreamError } from '../shared/upstream-error';
import type { JsonObject } from '../types';

/** Any upstream error body → Google's envelope; without a real status (mid-stream) it counts as 500. */
export function errorToGemini(status: number, bodyText: string): JsonObject {
  const e = readUpstreamError(status, bodyText);
  const code = status >= 400 ? status : 500;
  const named = e.code && /^[A-Z_]+$/.test(e.code) ? e.code : undefined;
  return { error: { code, message: e.message, status: named ?? googleStatusName(code) } };
}
