// Owns the billing section of the model and link forms: mode, prices per mode, tiers and cache prices.
import { Field, Switch } from '../../../components/ui/field';
import type { FieldErrors } from '../../../lib/form';
import { type MessageKey, useT } from '../../../lib/i18n';
import type { BillingValues } from './billing-values';
import { TierEditor } from './tier-editor';

const MODE_LABELS: Record<BillingValues['mode'], MessageKey> = {
  none: 'billing.none',
  inherit_model_default: 'billing.inherit',
  token_flat: 'billing.flat',
  token_tiered: 'billing.tiered',
  per_request: 'billing.perRequest',
  per_image: 'billing.perImage',
};

export function BillingFields({
  values,
  onChange,
  errors,
  prefix,
  isLink,
}: {
  values: BillingValues;
  onChange: (values: BillingValues) => void;
  errors: FieldErrors;
  prefix: string;
  isLink: boolean;
}) {
  const t = useT();
  const modes: BillingValues['mode'][] = isLink
    ? ['inherit_model_default', 'token_flat', 'token_tiered', 'per_request', 'per_image']
    : ['none', 'token_flat', 'token_tiered', 'per_request', 'per_image'];
  const set = <K extends keyof BillingValues>(key: K, value: BillingValues[K]) =>
    onChange({ ...values, [key]: value });
  const err = (key: string) => errors[`${prefix}.${key}`];
  const price = (
    key:
      | 'input_price'
      | 'output_price'
      | 'per_request_price'
      | 'per_image_price'
      | 'cached_input_price'
      | 'cache_creation_input_price',
    label: MessageKey,
    hint?: MessageKey,
  ) => (
    <Field label={t(label)} error={err(key)} hint={hint ? t(hint) : undefined}>
      <input
        className="input"
        name={`${prefix}.${key}`}
        inputMode="decimal"
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
      />
    </Field>
  );
  const tokens = values.mode === 'token_flat' || values.mode === 'token_tiered';
  return (
    <div className="stack">
      <Field label={t('billing.mode')} error={err('mode')}>
        <select
          className="select"
          name={`${prefix}.mode`}
          value={values.mode}
          onChange={(e) => set('mode', e.target.value as BillingValues['mode'])}
        >
          {modes.map((m) => (
            <option key={m} value={m}>
              {t(MODE_LABELS[m])}
            </option>
          ))}
        </select>
      </Field>
      {values.mode === 'inherit_model_default' && <p className="field-hint">{t('billing.inheritHint')}</p>}
      {values.mode === 'none' && <p className="field-hint">{t('billing.noneHint')}</p>}
      {values.mode === 'token_flat' && (
        <div className="grid-2">
          {price('input_price', 'billing.inputPrice', 'billing.perMillion')}
          {price('output_price', 'billing.outputPrice', 'billing.perMillion')}
        </div>
      )}
      {values.mode === 'token_tiered' && (
        <TierEditor
          tiers={values.tiers}
          onChange={(tiers) => set('tiers', tiers)}
          errors={errors}
          prefix={`${prefix}.tiers`}
        />
      )}
      {values.mode === 'per_request' && price('per_request_price', 'billing.perRequestPrice')}
      {values.mode === 'per_image' && price('per_image_price', 'billing.perImagePrice')}
      {tokens && (
        <div className="stack-sm">
          <Switch
            checked={values.cache_billing_enabled}
            onChange={(v) => set('cache_billing_enabled', v)}
            label={t('billing.cacheBilling')}
          />
          {values.cache_billing_enabled && (
            <div className="grid-2">
              {price('cached_input_price', 'billing.cacheReadPrice', 'billing.cacheReadHint')}
              {price('cache_creation_input_price', 'billing.cacheWritePrice', 'billing.cacheWriteHint')}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
