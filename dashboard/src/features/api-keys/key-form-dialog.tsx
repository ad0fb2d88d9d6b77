// Owns the create/edit form of an API key (name, enabled, record details, MCP access, expiry, limits), validated by zod.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError, Switch } from '../../components/ui/field';
import { toast } from '../../components/ui/toast';
import { apiFieldErrors, useForm } from '../../lib/form';
import { fromLocalInput, toLocalInput } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type ApiKey, createApiKey, updateApiKey } from './api';
import { LimitFields, limitsSchema, limitValues } from './limit-fields';

const LIMIT_FIELDS = new Set(Object.keys(limitValues(null)));
const NAME_PATTERN = /^[\w\s\-\u4e00-\u9fff\u3040-\u30ff.]+$/u;

export function KeyFormDialog({
  editing,
  onClose,
  onCreated,
}: {
  editing: ApiKey | null;
  onClose: () => void;
  onCreated: (key: ApiKey) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const form = useForm({
    key_name: editing?.key_name ?? '',
    record_details: editing?.record_details ?? true,
    is_mcp_admin: editing?.is_mcp_admin ?? false,
    is_active: editing?.is_active ?? true,
    expires_at: toLocalInput(editing?.expires_at),
    limits: limitValues(editing),
  });
  const schema = z
    .object({
      key_name: z
        .string()
        .trim()
        .min(1, t('keys.nameRequired'))
        .max(100, t('validation.maxLength', { n: 100 }))
        .regex(NAME_PATTERN, t('keys.nameCharset')),
      record_details: z.boolean(),
      is_mcp_admin: z.boolean(),
      is_active: z.boolean(),
      expires_at: z
        .string()
        .refine((v) => v === '' || fromLocalInput(v) !== undefined, t('validation.invalidDate'))
        .transform((v) => fromLocalInput(v) ?? null),
      limits: limitsSchema(t),
    })
    .transform(({ limits, ...rest }) => ({ ...rest, ...limits }));

  const save = useMutation({
    mutationFn: async (input: z.output<typeof schema>) =>
      editing ? updateApiKey(editing.id, input) : createApiKey(input),
    onSuccess: async (key) => {
      await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      if (editing) toast.success(t('keys.saved'));
      else onCreated(key);
      onClose();
    },
    onError: (err) =>
      form.setErrors(
        apiFieldErrors(
          err,
          t('common.unknownError'),
          (f) => (LIMIT_FIELDS.has(f.split('.')[0] ?? '') ? `limits.${f.split('.')[0]}` : f),
          { duplicate_name: 'key_name' },
        ),
      ),
  });

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={editing ? t('keys.edit') : t('keys.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="key-form" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : editing ? t('common.save') : t('keys.create')}
          </button>
        </>
      }
    >
      <form
        id="key-form"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const data = form.validate(schema);
          if (data) save.mutate(data);
        }}
      >
        <FormError message={form.errors._form} />
        <Field label={t('keys.name')} error={form.errors.key_name} hint={t('keys.nameHint')} required>
          <input
            className="input"
            name="key_name"
            value={form.values.key_name}
            onChange={(e) => form.set('key_name', e.target.value)}
          />
        </Field>
        <Field label={t('keys.expiresAt')} error={form.errors.expires_at} hint={t('keys.expiresHint')}>
          <input
            className="input"
            type="datetime-local"
            value={form.values.expires_at}
            onChange={(e) => form.set('expires_at', e.target.value)}
          />
        </Field>
        <Switch
          checked={form.values.record_details}
          onChange={(v) => form.set('record_details', v)}
          label={t('keys.recordDetails')}
        />
        <p className="field-hint">{t('keys.recordDetailsHint')}</p>
        <Switch
          checked={form.values.is_mcp_admin}
          onChange={(v) => form.set('is_mcp_admin', v)}
          label={t('keys.mcpAdminLabel')}
        />
        <p className="field-hint">{t('keys.mcpAdminHint')}</p>
        <LimitFields
          values={form.values.limits}
          onChange={(v) => form.set('limits', v)}
          errors={form.errors}
        />
        {editing && (
          <Switch
            checked={form.values.is_active}
            onChange={(v) => form.set('is_active', v)}
            label={t('common.enabled')}
          />
        )}
      </form>
    </Dialog>
  );
}
