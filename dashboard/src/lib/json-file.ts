// Owns moving JSON through files: saving a value as a download, reading a picked file as a JSON array.

/** Thrown when a picked file is not JSON or not a JSON array. */
export class InvalidJsonFileError extends Error {
  constructor() {
    super('not a JSON array');
    this.name = 'InvalidJsonFileError';
  }
}

/** Saves `value` as a pretty-printed `<prefix>-YYYY-MM-DD.json` download. */
export function downloadJson(prefix: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${prefix}-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file's content as a JSON array; InvalidJsonFileError for anything else. */
export async function readJsonArray(file: File): Promise<unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new InvalidJsonFileError();
  }
  if (!Array.isArray(parsed)) throw new InvalidJsonFileError();
  return parsed;
}
