// Owns the rule builder's text values: how a typed value becomes the JSON the rule engine compares, and back.
import { z } from 'zod';
import type { Translate } from '../../../lib/i18n';
import type { Rule, RuleOperator, RuleSet } from '../types';

export const OPERATORS: RuleOperator[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'regex',
  'in',
  'not_in',
  'exists',
];

export const FIELD_SUGGESTIONS = [
  'model',
  'headers.x-priority',
  'headers.x-user-id',
  'token_usage.input_tokens',
  'token_usage.total_tokens',
  'body.temperature',
  'body.max_tokens',
  'body.top_p',
  'body.stream',
  'body.messages[0].role',
  'body.tools',
];

export interface RuleRow {
  field: string;
  operator: RuleOperator;
  value: string;
}

export interface RuleValues {
  logic: 'AND' | 'OR';
  rules: RuleRow[];
}

const NUMERIC: RuleOperator[] = ['gt', 'gte', 'lt', 'lte'];
const TEXT: RuleOperator[] = ['contains', 'not_contains', 'regex'];

/** Typed text → a JSON value: valid JSON (numbers, true, "quoted", [..]) is taken as such, else the raw text. */
export function parseAuto(text: string): unknown {
  const s = text.trim();
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function showAuto(value: unknown): string {
  if (typeof value === 'string') return parseAuto(value) === value ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

function parseList(text: string): unknown[] | null {
  const s = text.trim();
  if (s.startsWith('[')) {
    const v = parseAuto(s);
    return Array.isArray(v) ? v : null;
  }
  return s === '' ? [] : s.split(',').map((part) => parseAuto(part));
}

export function valueText(rule: Rule): string {
  const op = rule.operator ?? 'eq';
  if (rule.value === undefined) return op === 'exists' ? 'true' : '';
  if (op === 'exists') return rule.value ? 'true' : 'false';
  if (TEXT.includes(op) && typeof rule.value === 'string') return rule.value;
  if ((op === 'in' || op === 'not_in') && Array.isArray(rule.value)) {
    const parts = rule.value.map(showAuto);
    return parts.some((p) => p.includes(',')) ? JSON.stringify(rule.value) : parts.join(', ');
  }
  return showAuto(rule.value);
}

export function ruleValues(set: RuleSet | null | undefined): RuleValues {
  return {
    logic: set?.logic?.toUpperCase() === 'OR' ? 'OR' : 'AND',
    rules: (set?.rules ?? []).map((r) => ({
      field: r.field,
      operator: r.operator ?? 'eq',
      value: valueText(r),
    })),
  };
}

function ruleSchema(t: Translate) {
  return z
    .object({
      field: z.string().trim().min(1, t('rules.fieldRequired')),
      operator: z.enum(OPERATORS),
      value: z.string(),
    })
    .transform((row, ctx): Rule => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', path: ['value'], message });
        return z.NEVER;
      };
      // Header names arrive lowercased, so a rule on `headers.X-Foo` could never match.
      const field = row.field.startsWith('headers.') ? row.field.toLowerCase() : row.field;
      const op = row.operator;
      if (op === 'exists') return { field, operator: op, value: row.value !== 'false' };
      if (NUMERIC.includes(op)) {
        const n = Number(row.value.trim());
        if (row.value.trim() === '' || !Number.isFinite(n)) return fail(t('validation.number'));
        return { field, operator: op, value: n };
      }
      if (TEXT.includes(op)) {
        if (op === 'regex') {
          try {
            new RegExp(row.value);
          } catch {
            return fail(t('rules.badRegex'));
          }
        }
        return { field, operator: op, value: row.value };
      }
      if (op === 'in' || op === 'not_in') {
        const list = parseList(row.value);
        if (!list || list.length === 0) return fail(t('rules.listRequired'));
        return { field, operator: op, value: list };
      }
      return { field, operator: op, value: parseAuto(row.value) };
    });
}

/** Validates the builder's rows; no rows means "always eligible" (null). */
export function rulesSchema(t: Translate) {
  return z
    .object({ logic: z.enum(['AND', 'OR']), rules: z.array(ruleSchema(t)).max(50) })
    .transform((v): RuleSet | null => (v.rules.length === 0 ? null : { logic: v.logic, rules: v.rules }));
}

/** Short description for tables: "2 rules (AND)". */
export function rulesCount(set: RuleSet | null | undefined): number {
  return set?.rules?.length ?? 0;
}
