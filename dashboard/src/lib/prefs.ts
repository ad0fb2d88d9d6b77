// Owns the user's display preferences (theme, language) persisted in localStorage, as a tiny external store.
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
export type Locale = 'en' | 'zh';

interface Prefs {
  theme: Theme;
  locale: Locale;
}

const THEME_KEY = 'lgw_theme';
const LOCALE_KEY = 'lgw_locale';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function initial(): Prefs {
  const theme = read(THEME_KEY);
  const locale = read(LOCALE_KEY);
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const prefersZh = typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh');
  return {
    theme: theme === 'dark' || theme === 'light' ? theme : prefersDark ? 'dark' : 'light',
    locale: locale === 'zh' || locale === 'en' ? locale : prefersZh ? 'zh' : 'en',
  };
}

let state = initial();
const listeners = new Set<() => void>();

function apply(): void {
  document.documentElement.dataset.theme = state.theme;
  document.documentElement.lang = state.locale === 'zh' ? 'zh-CN' : 'en';
}
apply();

function update(patch: Partial<Prefs>): void {
  state = { ...state, ...patch };
  try {
    localStorage.setItem(THEME_KEY, state.theme);
    localStorage.setItem(LOCALE_KEY, state.locale);
  } catch {
    // private mode: preferences last for this page only
  }
  apply();
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePrefs(): Prefs {
  return useSyncExternalStore(subscribe, () => state);
}

export function getPrefs(): Prefs {
  return state;
}

export const setTheme = (theme: Theme) => update({ theme });
export const setLocale = (locale: Locale) => update({ locale });
