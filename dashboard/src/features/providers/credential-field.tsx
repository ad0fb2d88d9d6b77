// Owns the provider form's secret: a key, Bedrock credentials or a service-account JSON key, as the preset asks.
import { Field } from '../../components/ui/field';
import { useT } from '../../lib/i18n';
import type { ProtocolPreset, Provider } from './api';

type Kind = NonNullable<ProtocolPreset['credential']>;

export function CredentialField(props: {
  kind: Kind;
  editing: Provider | null;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const { kind, editing } = props;
  if (kind === 'none') return <p className="field-hint">{t('providers.noCredential')}</p>;
  const hint = editing?.has_api_key
    ? t('providers.apiKeyKeep', { masked: editing.api_key ?? '' })
    : t('providers.apiKeyHint');
  const placeholder = editing?.has_api_key ? t('providers.apiKeyUnchanged') : undefined;
  if (kind === 'api_key') {
    return (
      <Field label={t('providers.apiKey')} error={props.error} hint={hint}>
        <input
          className="input mono"
          name="api_key"
          type="password"
          autoComplete="off"
          placeholder={placeholder ?? 'sk-…'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </Field>
    );
  }
  // JSON credentials are pasted whole: a textarea that is not echoed back once saved.
  const label = kind === 'service_account' ? t('providers.serviceAccount') : t('providers.awsCredential');
  return (
    <Field label={label} error={props.error} hint={hint}>
      <textarea
        className="textarea"
        name="api_key"
        rows={kind === 'service_account' ? 6 : 3}
        spellCheck={false}
        autoComplete="off"
        placeholder={
          placeholder ??
          (kind === 'aws'
            ? '{"access_key_id": "…", "secret_access_key": "…"}'
            : '{"type": "service_account", …}')
        }
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}
