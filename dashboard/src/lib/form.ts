// Owns form state and validation: zod schemas over the form's values, API validation details onto fields.
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { isApiError } from './api';

/** Messages by field path (`base_url`, `tiers.0.input_price`); `_form` holds the form-level message. */
export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** Field errors from an admin API error: its `details[]` on the fields, its message on the form. */
export function apiFieldErrors(
  err: unknown,
  fallback: string,
  mapField: (apiField: string) => string = (f) => f,
  codeFields: Record<string, string> = {},
): FieldErrors {
  if (!isApiError(err)) return { _form: err instanceof Error ? err.message : fallback };
  const out: FieldErrors = {};
  // Some errors name their field only by code (a duplicate name is about the name field).
  const byCode = codeFields[err.code];
  if (byCode) out[byCode] = err.message;
  for (const d of err.fieldErrors) out[d.field ? mapField(d.field) : '_form'] ??= d.message;
  out._form ??= err.message;
  return out;
}

export interface FormState<T> {
  values: T;
  errors: FieldErrors;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  setValues: (next: T | ((prev: T) => T)) => void;
  setErrors: (errors: FieldErrors) => void;
  /** Validates with the schema; sets the errors and returns the parsed output, or null. */
  validate: <S extends z.ZodType>(schema: S) => z.output<S> | null;
}

export function useForm<T extends object>(initial: T | (() => T)): FormState<T> {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setErrors((prev) => {
      if (!(key in prev) && !prev._form) return prev;
      const { [key as string]: _drop, _form: _f, ...rest } = prev;
      return rest;
    });
  }, []);
  const validate = <S extends z.ZodType>(schema: S): z.output<S> | null => {
    const parsed = schema.safeParse(values);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    setErrors(zodFieldErrors(parsed.error));
    return null;
  };
  return { values, errors, set, setValues, setErrors, validate };
}

/** Parses an optional numeric text field: empty → null, otherwise a finite number or NaN. */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Text for a numeric field from a stored value. */
export function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
