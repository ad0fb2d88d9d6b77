// Owns the limits part of the key form: its values, the zod schema that turns them into API fields, the inputs.
import { z } from 'zod';
import { Field } from '../../components/ui/field';
import { numberText } from '../../lib/form';
import type { Translate } from '../../lib/i18n';
import { useT } from '../../lib/i18n';
import { numberField } from '../../lib/zod-fields';
import type { ApiKey } from './api';

const PERIODS = ['day', 'month', 'total'] as const;
const MODEL_PATTERN = /^[A-Za-z0-9_\-./:@]*\*?$/;

export interface LimitValues {
  rpm_limit: string;
  tpm_limit: string;
  concurrency_limit: string;
  budget_usd: string;
  budget_period: (typeof PERIODS)[number];
  allowed_models: string;
  user_rpm_limit: string;
  user_budget_usd: string;
}

export function limitValues(k: ApiKey | null): LimitValues {
  return {
    rpm_limit: numberText(k?.rpm_limit),
    tpm_limit: numberText(k?.tpm_limit),
    concurrency_limit: numberText(k?.concurrency_limit),
    budget_usd: numberText(k?.budget_usd),
    budget_period: k?.budget_period ?? 'month',
    allowed_models: (k?.allowed_models ?? []).join('\n'),
    user_rpm_limit: numberText(k?.user_rpm_limit),
    user_budget_usd: numberText(k?.user_budget_usd),
  };
}

/** Blank fields are null (no limit); the allow-list is one name per line. */
export function limitsSchema(t: Translate) {
  const perMinute = numberField(t, { min: 1, max: 1_000_000_000, int: true });
  const usd = numberField(t, { min: 0, max: 1_000_000_000 });
  return z.object({
    rpm_limit: perMinute,
    tpm_limit: perMinute,
    concurrency_limit: numberField(t, { min: 1, max: 1_000_000, int: true }),
    budget_usd: usd,
    budget_period: z.enum(PERIODS),
    allowed_models: z.string().transform((text, ctx) => {
      const names = text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      names.forEach((name, i) => {
        if (!MODEL_PATTERN.test(name) || name.length > 101)
          ctx.addIssue({ code: 'custom', message: t('limits.allowedModelPattern', { n: i + 1 }) });
      });
      return names.length > 0 ? names : null;
    }),
    user_rpm_limit: perMinute,
    user_budget_usd: usd,
  });
}

type Errors = Partial<Record<string, string>>;

function NumberInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <input className="input" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
  );
}

export function LimitFields({
  values,
  onChange,
  errors,
}: {
  values: LimitValues;
  onChange: (v: LimitValues) => void;
  errors: Errors;
}) {
  const t = useT();
  const set = (k: keyof LimitValues) => (v: string) => onChange({ ...values, [k]: v });
  const err = (k: keyof LimitValues) => errors[`limits.${k}`] ?? errors[k];
  return (
    <section className="form-section">
      <h3>{t('limits.section')}</h3>
      <p className="field-hint">{t('limits.sectionHint')}</p>
      <div className="grid-3">
        <Field label={t('limits.rpm')} error={err('rpm_limit')}>
          <NumberInput value={values.rpm_limit} onChange={set('rpm_limit')} />
        </Field>
        <Field label={t('limits.tpm')} error={err('tpm_limit')} hint={t('limits.tpmHint')}>
          <NumberInput value={values.tpm_limit} onChange={set('tpm_limit')} />
        </Field>
        <Field label={t('limits.concurrency')} error={err('concurrency_limit')}>
          <NumberInput value={values.concurrency_limit} onChange={set('concurrency_limit')} />
        </Field>
      </div>
      <div className="grid-2">
        <Field label={t('limits.budget')} error={err('budget_usd')} hint={t('limits.budgetHint')}>
          <NumberInput value={values.budget_usd} onChange={set('budget_usd')} />
        </Field>
        <Field label={t('limits.period')} error={err('budget_period')}>
          <select
            className="select"
            value={values.budget_period}
            onChange={(e) => set('budget_period')(e.target.value)}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`limits.period.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        label={t('limits.allowedModels')}
        error={err('allowed_models')}
        hint={t('limits.allowedModelsHint')}
      >
        <textarea
          className="textarea mono"
          rows={3}
          value={values.allowed_models}
          onChange={(e) => set('allowed_models')(e.target.value)}
        />
      </Field>
      <h4>{t('limits.perUser')}</h4>
      <div className="grid-2">
        <Field label={t('limits.userRpm')} error={err('user_rpm_limit')}>
          <NumberInput value={values.user_rpm_limit} onChange={set('user_rpm_limit')} />
        </Field>
        <Field label={t('limits.userBudget')} error={err('user_budget_usd')}>
          <NumberInput value={values.user_budget_usd} onChange={set('user_budget_usd')} />
        </Field>
      </div>
    </section>
  );
}
