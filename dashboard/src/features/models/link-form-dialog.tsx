// Owns the link create/edit dialog: provider, target model (pick from the provider's list), priority,
// weight, billing (incl. inherit, or a suggestion from other links to the target) and the rule builder.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { z } from 'zod';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError, Switch } from '../../components/ui/field';
import { toast } from '../../components/ui/toast';
import { apiFieldErrors, useForm } from '../../lib/form';
import { useT } from '../../lib/i18n';
import type { LinkCreate } from '../../lib/schemas';
import { numberField } from '../../lib/zod-fields';
import { providerNamesQuery } from '../providers/api';
import { createLink, invalidateLinkViews, updateLink } from './api';
import { BillingFields } from './billing/billing-fields';
import { billingFormPath, billingSchema, billingValues } from './billing/billing-values';
import { RuleBuilder } from './rules/rule-builder';
import { rulesSchema, ruleValues } from './rules/rule-values';
import { TargetModelField } from './target-model-field';
import type { ModelLink } from './types';

export function LinkFormDialog({
  model,
  editing,
  onClose,
}: {
  model: string;
  editing: ModelLink | null;
  onClose: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const { data: providers } = useSuspenseQuery(providerNamesQuery());
  const form = useForm({
    provider_id: editing ? String(editing.provider_id) : '',
    target_model_name: editing?.target_model_name ?? '',
    priority: String(editing?.priority ?? 0),
    weight: String(editing?.weight ?? 1),
    billing: billingValues(editing, 'inherit_model_default'),
    rules: ruleValues(editing?.provider_rules),
    is_active: editing?.is_active ?? true,
  });
  const { values, errors, set } = form;
  const schema = z
    .object({
      provider_id: z.string().min(1, t('links.providerRequired')).transform(Number),
      target_model_name: z
        .string()
        .trim()
        .min(1, t('validation.required'))
        .max(200, t('validation.maxLength', { n: 200 })),
      priority: numberField(t, { int: true, min: -1_000_000, max: 1_000_000, required: true }),
      weight: numberField(t, { int: true, min: 1, max: 1_000_000, required: true }),
      billing: billingSchema(t),
      rules: rulesSchema(t),
      is_active: z.boolean(),
    })
    .transform(
      ({ billing, rules, priority, weight, ...rest }): LinkCreate => ({
        requested_model: model,
        ...rest,
        priority: priority ?? 0,
        weight: weight ?? 1,
        ...billing,
        provider_rules: rules,
      }),
    );

  const save = useMutation({
    mutationFn: ({ requested_model, ...patch }: LinkCreate) =>
      editing ? updateLink(editing.id, patch) : createLink({ requested_model, ...patch }),
    onSuccess: async () => {
      toast.success(t('links.saved'));
      await invalidateLinkViews(queryClient);
      onClose();
    },
    onError: (err) =>
      form.setErrors(
        apiFieldErrors(
          err,
          t('common.unknownError'),
          (f) => billingFormPath(f, 'billing') ?? f.replace(/^provider_rules/, 'rules'),
        ),
      ),
  });

  const provider = providers.find((p) => String(p.id) === values.provider_id);
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={editing ? t('links.edit') : t('links.create', { model })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="link-form" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <form
        id="link-form"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = form.validate(schema);
          if (body) save.mutate(body);
        }}
      >
        <FormError message={errors._form} />
        <Field
          label={t('links.provider')}
          error={errors.provider_id}
          required
          hint={providers.length === 0 ? <Link to="/providers">{t('links.noProviders')}</Link> : undefined}
        >
          <select
            className="select"
            name="provider_id"
            value={values.provider_id}
            onChange={(e) => set('provider_id', e.target.value)}
          >
            <option value="">{t('links.chooseProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.protocol}){p.is_active ? '' : ` — ${t('common.disabled')}`}
              </option>
            ))}
          </select>
        </Field>
        <TargetModelField
          provider={provider ?? null}
          value={values.target_model_name}
          error={errors.target_model_name}
          onChange={(v) => set('target_model_name', v)}
          onApplyPricing={(p) => set('billing', billingValues(p, 'inherit_model_default'))}
        />
        <div className="grid-2">
          <Field label={t('links.priority')} error={errors.priority} hint={t('links.priorityHint')}>
            <input
              className="input"
              name="priority"
              inputMode="numeric"
              value={values.priority}
              onChange={(e) => set('priority', e.target.value)}
            />
          </Field>
          <Field label={t('links.weight')} error={errors.weight} hint={t('links.weightHint')}>
            <input
              className="input"
              name="weight"
              inputMode="numeric"
              value={values.weight}
              onChange={(e) => set('weight', e.target.value)}
            />
          </Field>
        </div>
        <section className="form-section">
          <h3>{t('models.pricing')}</h3>
          <BillingFields
            values={values.billing}
            onChange={(b) => set('billing', b)}
            errors={errors}
            prefix="billing"
            isLink
          />
        </section>
        <section className="form-section">
          <h3>{t('links.rules')}</h3>
          <p className="field-hint">{t('links.rulesHint')}</p>
          <RuleBuilder
            values={values.rules}
            onChange={(r) => set('rules', r)}
            errors={errors}
            prefix="rules.rules"
          />
        </section>
        <Switch
          checked={values.is_active}
          onChange={(v) => set('is_active', v)}
          label={t('common.enabled')}
        />
      </form>
    </Dialog>
  );
}
