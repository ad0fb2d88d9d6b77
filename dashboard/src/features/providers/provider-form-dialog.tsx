// Owns the provider create/edit dialog: protocol presets fill the base URL, a blank key on edit keeps it.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { toast } from '../../components/ui/toast';
import { apiFieldErrors, useForm } from '../../lib/form';
import { useT } from '../../lib/i18n';
import { createProvider, type Provider, protocolsQuery, updateProvider } from './api';
import { CredentialField } from './credential-field';
import { extraParamsOf, initialValues, providerFormPath, providerFormSchema } from './provider-form-schema';
import { ProviderOptionsFields } from './provider-options-fields';

export function ProviderFormDialog({ editing, onClose }: { editing: Provider | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { data: presets } = useSuspenseQuery(protocolsQuery());
  const form = useForm(() => {
    const v = initialValues(editing);
    if (!editing) v.base_url = presets.find((p) => p.protocol === v.protocol)?.base_url ?? '';
    return v;
  });
  const { values, errors, set } = form;
  const preset = presets.find((p) => p.protocol === values.protocol);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof createProvider>[0]) =>
      editing ? updateProvider(editing.id, body) : createProvider(body),
    onSuccess: async (p) => {
      toast.success(t('providers.saved', { name: p.name }));
      await queryClient.invalidateQueries({ queryKey: ['providers'] });
      onClose();
    },
    onError: (err) =>
      form.setErrors(
        apiFieldErrors(err, t('common.unknownError'), providerFormPath, { duplicate_name: 'name' }),
      ),
  });

  function changeProtocol(protocol: string) {
    const old = presets.find((p) => p.protocol === values.protocol);
    const next = presets.find((p) => p.protocol === protocol);
    // Follow the preset unless the user typed their own URL.
    const customized = values.base_url !== '' && values.base_url !== old?.base_url;
    form.setValues((v) => ({
      ...v,
      protocol,
      base_url: customized || !next ? v.base_url : next.base_url,
      params:
        !editing && next?.implementation === 'anthropic' && v.params.max_tokens === ''
          ? { ...v.params, max_tokens: '4096' }
          : v.params,
    }));
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = form.validate(providerFormSchema(t, editing, extraParamsOf(editing)));
    if (body) save.mutate(body);
  }

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={editing ? t('providers.edit', { name: editing.name }) : t('providers.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="provider-form" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <form id="provider-form" className="stack" onSubmit={submit} noValidate>
        <FormError message={errors._form} />
        <div className="grid-2">
          <Field label={t('common.name')} error={errors.name} required>
            <input
              className="input"
              name="name"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
            />
          </Field>
          <Field label={t('providers.protocol')} error={errors.protocol} required>
            <select
              className="select"
              name="protocol"
              value={values.protocol}
              onChange={(e) => changeProtocol(e.target.value)}
            >
              {presets.map((p) => (
                <option key={p.protocol} value={p.protocol}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          label={t('providers.baseUrl')}
          error={errors.base_url}
          hint={preset?.hint ? `${t('providers.baseUrlHint')} ${preset.hint}` : t('providers.baseUrlHint')}
          required
        >
          <input
            className="input mono"
            name="base_url"
            value={values.base_url}
            onChange={(e) => set('base_url', e.target.value)}
          />
        </Field>
        <CredentialField
          kind={preset?.credential ?? 'api_key'}
          editing={editing}
          value={values.api_key}
          error={errors.api_key}
          onChange={(v) => set('api_key', v)}
        />
        {editing?.has_api_key && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={values.clear_key}
              onChange={(e) => set('clear_key', e.target.checked)}
            />
            <span>{t('providers.clearKey')}</span>
          </label>
        )}
        <div className="grid-2">
          <Field label={t('providers.timeout')} error={errors.timeout} hint={t('providers.timeoutHint')}>
            <input
              className="input"
              inputMode="numeric"
              value={values.timeout}
              onChange={(e) => set('timeout', e.target.value)}
            />
          </Field>
          <Field label={t('providers.remark')} error={errors.remark}>
            <input className="input" value={values.remark} onChange={(e) => set('remark', e.target.value)} />
          </Field>
        </div>
        <ProviderOptionsFields form={form} />
      </form>
    </Dialog>
  );
}
