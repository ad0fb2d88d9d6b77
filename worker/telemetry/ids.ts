// Owns OTLP trace and span ids for log records: derived, so a redelivered record exports the same span.
import { toHex } from '../lib/encoding';

async function digestHex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** The OTLP trace id (32 hex) of a gateway trace: the UUID itself, or a digest of any other id. */
export async function otlpTraceId(traceId: string): Promise<string> {
  const hex = traceId.replace(/-/g, '').toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex) && !/^0+$/.test(hex)) return hex;
  return (await digestHex(`trace:${traceId}`)).slice(0, 32);
}

/** The span id of a trace's request span: from the trace id alone, so attempt records can name their parent. */
export async function requestSpanId(traceId: string): Promise<string> {
  return (await digestHex(`request:${traceId}`)).slice(0, 16);
}

/** The span id of one failed attempt's record. */
export async function attemptSpanId(recordId: string): Promise<string> {
  return (await digestHex(`attempt:${recordId}`)).slice(0, 16);
}
