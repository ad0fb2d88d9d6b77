// Owns zod fields for text inputs that hold numbers, JSON or dates, with translated messages.
import { z } from 'zod';
import type { Translate } from './i18n';

export interface NumberRules {
  min?: number;
  max?: number;
  int?: boolean;
  required?: boolean;
}

/** A text input holding a number: blank → null (or "required"), otherwise a checked number. */
export function numberField(t: Translate, rules: NumberRules = {}) {
  return z.string().transform((text, ctx): number | null => {
    const s = text.trim();
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (s === '') return rules.required ? fail(t('validation.required')) : null;
    const n = Number(s);
    if (!Number.isFinite(n)) return fail(t('validation.number'));
    if (rules.int && !Number.isInteger(n)) return fail(t('validation.integer'));
    if (rules.min !== undefined && n < rules.min) return fail(t('validation.min', { n: rules.min }));
    if (rules.max !== undefined && n > rules.max) return fail(t('validation.max', { n: rules.max }));
    return n;
  });
}

/** A price in USD: blank → null unless required; never negative. */
export function priceField(t: Translate, required = false) {
  return numberField(t, { min: 0, max: 1_000_000, required });
}

/** A textarea holding a JSON object (blank → undefined). */
export function jsonObjectField(t: Translate) {
  return z.string().transform((text, ctx): Record<string, unknown> | undefined => {
    if (text.trim() === '') return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
      ctx.addIssue({ code: 'custom', message: t('validation.jsonObject') });
    } catch {
      ctx.addIssue({ code: 'custom', message: t('validation.json') });
    }
    return z.NEVER;
  });
}
