// Owns the link form's target model: typed, or picked from the provider's own model list.
import { useState } from 'react';
import { Field } from '../../components/ui/field';
import { useT } from '../../lib/i18n';
import type { ProviderName } from '../providers/api';
import { ProviderModelsDialog } from '../providers/provider-models-dialog';

export function TargetModelField({
  provider,
  value,
  error,
  onChange,
}: {
  provider: ProviderName | null;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const [picking, setPicking] = useState(false);
  return (
    <>
      <Field label={t('models.targetModel')} error={error} hint={t('links.targetHint')} required>
        <div className="row">
          <input
            className="input mono grow"
            name="target_model_name"
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <button type="button" className="btn" disabled={!provider} onClick={() => setPicking(true)}>
            {t('links.pickFromProvider')}
          </button>
        </div>
      </Field>
      {picking && provider && (
        <ProviderModelsDialog
          providerId={provider.id}
          title={t('links.pickTitle', { name: provider.name })}
          onClose={() => setPicking(false)}
          onPick={(m) => {
            onChange(m);
            setPicking(false);
          }}
        />
      )}
    </>
  );
}
