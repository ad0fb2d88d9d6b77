// Owns the rule builder: AND/OR, and rows of field · operator · value covering every engine operator.
import { useId } from 'react';
import type { FieldErrors } from '../../../lib/form';
import { type MessageKey, useT } from '../../../lib/i18n';
import type { RuleOperator } from '../types';
import { FIELD_SUGGESTIONS, OPERATORS, type RuleRow, type RuleValues } from './rule-values';

const OP_LABELS: Record<RuleOperator, MessageKey> = {
  eq: 'rules.op.eq',
  ne: 'rules.op.ne',
  gt: 'rules.op.gt',
  gte: 'rules.op.gte',
  lt: 'rules.op.lt',
  lte: 'rules.op.lte',
  contains: 'rules.op.contains',
  not_contains: 'rules.op.not_contains',
  regex: 'rules.op.regex',
  in: 'rules.op.in',
  not_in: 'rules.op.not_in',
  exists: 'rules.op.exists',
};

function placeholder(op: RuleOperator, t: (k: MessageKey) => string): string {
  if (op === 'in' || op === 'not_in') return t('rules.listPlaceholder');
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') return '4000';
  if (op === 'regex') return '^gpt-4';
  return t('rules.valuePlaceholder');
}

export function RuleBuilder({
  values,
  onChange,
  errors,
  prefix,
}: {
  values: RuleValues;
  onChange: (values: RuleValues) => void;
  errors: FieldErrors;
  prefix: string;
}) {
  const t = useT();
  const listId = useId();
  const update = (i: number, patch: Partial<RuleRow>) =>
    onChange({ ...values, rules: values.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <div className="stack-sm rule-builder" data-testid="rule-builder">
      <datalist id={listId}>
        {FIELD_SUGGESTIONS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <div className="row">
        <span className="field-label">{t('rules.logic')}</span>
        <fieldset className="btn-group" aria-label={t('rules.logic')}>
          {(['AND', 'OR'] as const).map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={values.logic === l}
              className={values.logic === l ? 'btn btn-sm selected' : 'btn btn-sm'}
              onClick={() => onChange({ ...values, logic: l })}
            >
              {l === 'AND' ? t('rules.all') : t('rules.any')}
            </button>
          ))}
        </fieldset>
      </div>
      {values.rules.length === 0 && <p className="field-hint">{t('rules.none')}</p>}
      {values.rules.map((r, i) => {
        const fieldErr = errors[`${prefix}.${i}.field`];
        const valueErr = errors[`${prefix}.${i}.value`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are positional while being edited
          <div key={i} className="rule-row">
            <input
              className={fieldErr ? 'input invalid' : 'input'}
              list={listId}
              aria-label={t('rules.field')}
              placeholder={t('rules.field')}
              value={r.field}
              onChange={(e) => update(i, { field: e.target.value })}
            />
            <select
              className="select"
              aria-label={t('rules.operator')}
              value={r.operator}
              onChange={(e) => {
                const operator = e.target.value as RuleOperator;
                update(i, { operator, value: operator === 'exists' ? 'true' : r.value });
              }}
            >
              {OPERATORS.map((op) => (
                <option key={op} value={op}>
                  {t(OP_LABELS[op])}
                </option>
              ))}
            </select>
            {r.operator === 'exists' ? (
              <select
                className="select"
                aria-label={t('rules.value')}
                value={r.value}
                onChange={(e) => update(i, { value: e.target.value })}
              >
                <option value="true">{t('rules.present')}</option>
                <option value="false">{t('rules.absent')}</option>
              </select>
            ) : (
              <input
                className={valueErr ? 'input invalid' : 'input'}
                aria-label={t('rules.value')}
                placeholder={placeholder(r.operator, t)}
                value={r.value}
                onChange={(e) => update(i, { value: e.target.value })}
              />
            )}
            <button
              type="button"
              className="icon-btn"
              aria-label={t('common.remove')}
              onClick={() => onChange({ ...values, rules: values.rules.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            {(fieldErr || valueErr) && <span className="field-error rule-error">{fieldErr ?? valueErr}</span>}
          </div>
        );
      })}
      <div className="row">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() =>
            onChange({ ...values, rules: [...values.rules, { field: '', operator: 'eq', value: '' }] })
          }
        >
          + {t('rules.add')}
        </button>
        <span className="field-hint">{t('rules.hint')}</span>
      </div>
    </div>
  );
}
