// Owns moving provider configs in and out as JSON files (no secrets leave the gateway).
import { downloadJson, readJsonArray } from '../../lib/json-file';
import { exportProviders, type ImportResult, importProviders } from './api';

export async function downloadProviders(): Promise<number> {
  const items = await exportProviders();
  downloadJson('providers', items);
  return items.length;
}

/** Reads a JSON array of providers from a file and imports it; InvalidJsonFileError for any other file. */
export async function uploadProviders(file: File): Promise<ImportResult> {
  return importProviders(await readJsonArray(file));
}
