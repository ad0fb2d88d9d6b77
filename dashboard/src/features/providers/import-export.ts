// Owns moving provider configs in and out as JSON files (no secrets leave the gateway).
import { exportProviders, type ImportResult, importProviders } from './api';

export async function downloadProviders(): Promise<number> {
  const items = await exportProviders();
  const blob = new Blob([JSON.stringify(items, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `providers-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return items.length;
}

/** Reads a JSON array of providers from a file and imports it; throws on a file that is not such an array. */
export async function uploadProviders(file: File): Promise<ImportResult> {
  const parsed: unknown = JSON.parse(await file.text());
  if (!Array.isArray(parsed)) throw new Error('not an array');
  return importProviders(parsed);
}
