// Owns the link form's target model: typed, or picked from the provider's own model list; optionally the
// prices other links to the same target model use, as suggestions.
import { useState } from 'react';
import { Field } from '../../components/ui/field';
import { toast } from '../../components/ui/toast';
import { useT } from '../../lib/i18n';
import type { ProviderName } from '../providers/api';
import { ProviderModelsDialog } from '../providers/provider-models-dialog';
import { PricingSuggestionsDialog } from './pricing-suggestions-dialog';
import type { Pricing } from './types';

export function TargetModelField({
  provider,
  value,
  error,
  onChange,
  label,
  onApplyPricing,
}: {
  provider: ProviderName | null;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  label?: string;
  /** When set, a button offers the pricing of other links to this target model. */
  onApplyPricing?: (pricing: Pricing) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<'pick' | 'pricing' | null>(null);
  return (
    <>
      <Field label={label ?? t('models.targetModel')} error={error} hint={t('links.targetHint')} required>
        <div className="row">
          <input
            className="input mono grow"
            name="target_model_name"
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <button type="button" className="btn" disabled={!provider} onClick={() => setOpen('pick')}>
            {t('links.pickFromProvider')}
          </button>
          {onApplyPricing && (
            <button
              type="button"
              className="btn"
              disabled={value.trim() === ''}
              onClick={() => setOpen('pricing')}
            >
              {t('pricing.load')}
            </button>
          )}
        </div>
      </Field>
      {open === 'pick' && provider && (
        <ProviderModelsDialog
          providerId={provider.id}
          title={t('links.pickTitle', { name: provider.name })}
          onClose={() => setOpen(null)}
          onPick={(m) => {
            onChange(m);
            setOpen(null);
          }}
        />
      )}
      {open === 'pricing' && onApplyPricing && (
        <PricingSuggestionsDialog
          target={value}
          onClose={() => setOpen(null)}
          onApply={(pricing, from) => {
            onApplyPricing(pricing);
            toast.success(t('pricing.applied', { provider: from.provider_name }));
            setOpen(null);
          }}
        />
      )}
    </>
  );
}
