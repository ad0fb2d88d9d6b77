// Owns moving models (with their links, rules, prices and pauses) in and out as JSON files.
import { downloadJson, readJsonArray } from '../../lib/json-file';
import { exportModels, importModels } from './api';
import type { ModelImportResult } from './types';

export async function downloadModels(): Promise<number> {
  const items = await exportModels();
  downloadJson('models', items);
  return items.length;
}

/** Reads a JSON array of models from a file and imports it; InvalidJsonFileError for any other file. */
export async function uploadModels(file: File): Promise<ModelImportResult> {
  return importModels(await readJsonArray(file));
}
