// Owns how a secret is shown when it must be shown at all: a short recognisable prefix and suffix.

/** Masks a secret: ≤ 8 chars → `***`; longer → first 4 + `***...***` + last 2 (never more than 6 chars). */
export function maskSecret(value: string): string {
  if (value.length <= 8) return '***';
  if (value.length < 16) return `${value.slice(0, 2)}***...***`;
  return `${value.slice(0, 4)}***...***${value.slice(-2)}`;
}

const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie|set-cookie)$|(token|secret|key|password|auth|credential|signature)/i;

/** True for header names whose values are credentials. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}
