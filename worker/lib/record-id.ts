// Owns log record ids: a trace's request record is the trace id, its n-th failed attempt `<trace id>.<n>`.

/** The id of a trace's request record (null index) or of its n-th failed attempt. */
export function recordId(traceId: string, attemptIndex: number | null): string {
  return attemptIndex === null ? traceId : `${traceId}.${attemptIndex}`;
}

/** The trace a record id belongs to (ids are derived from the trace id; trace ids hold no `.`). */
export function traceOfRecord(id: string): string {
  const dot = id.indexOf('.');
  return dot === -1 ? id : id.slice(0, dot);
}
