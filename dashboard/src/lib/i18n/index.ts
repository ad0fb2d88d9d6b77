// Owns translation: the typed dictionaries and the `useT` hook every visible string goes through.
import { useCallback } from 'react';
import { type Locale, usePrefs } from '../prefs';
import { en, type MessageKey } from './en';
import { zh } from './zh';

export type { MessageKey } from './en';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, zh };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Looks a key up in a locale and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[locale][key] ?? en[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The translate function for the current language; re-renders when the language changes. */
export function useT(): Translate {
  const { locale } = usePrefs();
  return useCallback((key, vars) => translate(locale, key, vars), [locale]);
}
