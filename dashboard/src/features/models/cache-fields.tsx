// Owns the model form's response-cache fields: how long answers are kept and which keys may read them.
import { z } from 'zod';
import { Field } from '../../components/ui/field';
import type { FieldErrors } from '../../lib/form';
import { numberText } from '../../lib/form';
import type { Translate } from '../../lib/i18n';
import { useT } from '../../lib/i18n';
import { numberField } from '../../lib/zod-fields';
import type { CacheScope, Model } from './types';

/** The longest TTL the admin API accepts (one year). */
const MAX_TTL = 31_536_000;

export interface CacheValues {
  cache_ttl_seconds: string;
  cache_scope: CacheScope;
}

export function cacheValues(model: Model | null): CacheValues {
  return {
    cache_ttl_seconds: numberText(model?.cache_ttl_seconds),
    cache_scope: model?.cache_scope ?? 'key',
  };
}

export function cacheSchema(t: Translate) {
  return z.object({
    cache_ttl_seconds: numberField(t, { min: 1, max: MAX_TTL, int: true }),
    cache_scope: z.enum(['key', 'global']),
  });
}

export function CacheFields({
  values,
  onChange,
  errors,
}: {
  values: CacheValues;
  onChange: (v: CacheValues) => void;
  errors: FieldErrors;
}) {
  const t = useT();
  return (
    <section className="form-section" data-testid="cache-fields">
      <h3>{t('cache.section')}</h3>
      <p className="field-hint">{t('cache.sectionHint')}</p>
      <div className="grid-2">
        <Field label={t('cache.ttl')} error={errors['cache.cache_ttl_seconds']} hint={t('cache.ttlHint')}>
          <input
            className="input"
            name="cache_ttl_seconds"
            inputMode="numeric"
            value={values.cache_ttl_seconds}
            onChange={(e) => onChange({ ...values, cache_ttl_seconds: e.target.value })}
          />
        </Field>
        <Field label={t('cache.scope')} error={errors['cache.cache_scope']}>
          <select
            className="select"
            name="cache_scope"
            value={values.cache_scope}
            onChange={(e) => onChange({ ...values, cache_scope: e.target.value as CacheScope })}
          >
            <option value="key">{t('cache.scopeKey')}</option>
            <option value="global">{t('cache.scopeGlobal')}</option>
          </select>
        </Field>
      </div>
    </section>
  );
}
