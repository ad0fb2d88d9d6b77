// Owns the provider form's options: extra headers, default parameters, enabled and "no suffix".
import { Field, Switch } from '../../components/ui/field';
import { KeyValueEditor } from '../../components/ui/key-value-editor';
import type { FormState } from '../../lib/form';
import { useT } from '../../lib/i18n';
import { PARAM_NAMES, type ProviderFormValues } from './provider-form-schema';

export function ProviderOptionsFields({ form }: { form: FormState<ProviderFormValues> }) {
  const t = useT();
  return (
    <>
      <section className="form-section">
        <h3>{t('providers.extraHeaders')}</h3>
        <p className="field-hint">{t('providers.extraHeadersHint')}</p>
        <KeyValueEditor
          pairs={form.values.headers}
          onChange={(headers) => form.set('headers', headers)}
          keyPlaceholder={t('providers.headerName')}
          valuePlaceholder={t('providers.headerValue')}
          errors={form.errors}
          errorPrefix="headers"
        />
        {form.errors.headers && <span className="field-error">{form.errors.headers}</span>}
      </section>
      <section className="form-section">
        <h3>{t('providers.defaultParams')}</h3>
        <p className="field-hint">{t('providers.defaultParamsHint')}</p>
        <div className="grid-4">
          {PARAM_NAMES.map((name) => (
            <Field
              key={name}
              label={<span className="mono">{name}</span>}
              error={form.errors[`params.${name}`]}
            >
              <input
                className="input"
                inputMode="decimal"
                value={form.values.params[name]}
                onChange={(e) => form.set('params', { ...form.values.params, [name]: e.target.value })}
              />
            </Field>
          ))}
        </div>
      </section>
      <section className="form-section row">
        <Switch
          checked={form.values.is_active}
          onChange={(v) => form.set('is_active', v)}
          label={t('common.enabled')}
        />
        <Switch
          checked={form.values.no_suffix}
          onChange={(v) => form.set('no_suffix', v)}
          label={t('providers.noSuffix')}
        />
      </section>
    </>
  );
}
