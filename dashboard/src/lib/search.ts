// Owns the zod building blocks for URL search params: lenient, so a hand-edited URL never breaks a page.
import { useRouterState } from '@tanstack/react-router';
import { useMemo } from 'react';
import { z } from 'zod';

/** An optional text param; the router may hand numbers for numeric-looking text, so coerce. */
export const searchText = z.coerce.string().trim().optional().catch(undefined);
/** An optional integer param. */
export const searchInt = z.coerce.number().int().optional().catch(undefined);
/** An optional non-negative number param. */
export const searchNumber = z.coerce.number().min(0).optional().catch(undefined);
/** An optional boolean param. */
export const searchBool = z.boolean().optional().catch(undefined);
export const searchPage = z.coerce.number().int().min(1).optional().catch(undefined);
export const searchPageSize = z.coerce.number().int().min(1).max(100).optional().catch(undefined);

/** Drops empty values so the URL stays short. */
export function compact<T extends object>(search: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(search) as [keyof T, T[keyof T]][]) {
    if (v !== undefined && v !== null && v !== '') out[k] = v;
  }
  return out;
}

/**
 * The search of the location being navigated to. Filter controls read it so they answer at once, while
 * the data below keeps showing the resolved search until its loader has finished.
 */
export function usePendingSearch<S extends z.ZodType>(schema: S): z.output<S> {
  const search = useRouterState({ select: (s) => s.location.search });
  return useMemo(() => schema.parse(search), [schema, search]);
}
