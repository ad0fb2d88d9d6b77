// Owns the model create/edit dialog: name (fixed once created), type, strategy, billing, limits, model-level rules.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError, Switch } from '../../components/ui/field';
import { toast } from '../../components/ui/toast';
import { apiFieldErrors, numberText, useForm } from '../../lib/form';
import { useT } from '../../lib/i18n';
import type { ModelCreate } from '../../lib/schemas';
import { numberField } from '../../lib/zod-fields';
import { createModel, updateModel } from './api';
import { BillingFields } from './billing/billing-fields';
import { billingFormPath, billingSchema, billingValues } from './billing/billing-values';
import { CacheFields, cacheSchema, cacheValues } from './cache-fields';
import { RuleBuilder } from './rules/rule-builder';
import { rulesSchema, ruleValues } from './rules/rule-values';
import { StrategyField } from './strategy-field';
import { MODEL_TYPES, type Model, STRATEGIES, type Strategy } from './types';

const NAME = /^[A-Za-z0-9_\-./:@]+$/;

export function ModelFormDialog({ editing, onClose }: { editing: Model | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({
    requested_model: editing?.requested_model ?? '',
    model_type: editing?.model_type ?? 'chat',
    strategy: editing?.strategy ?? ('round_robin' as Strategy),
    expected_output_tokens: numberText(editing?.expected_output_tokens),
    rpm_limit: numberText(editing?.rpm_limit),
    tpm_limit: numberText(editing?.tpm_limit),
    billing: billingValues(editing, 'none'),
    rules: ruleValues(editing?.matching_rules),
    cache: cacheValues(editing),
    is_active: editing?.is_active ?? true,
  });
  const { values, errors, set } = form;
  const schema = z
    .object({
      requested_model: z
        .string()
        .trim()
        .min(1, t('validation.required'))
        .max(100, t('validation.maxLength', { n: 100 }))
        .regex(NAME, t('models.nameCharset')),
      model_type: z.enum(MODEL_TYPES),
      strategy: z.enum(STRATEGIES),
      expected_output_tokens: numberField(t, { min: 0, int: true }),
      rpm_limit: numberField(t, { min: 1, max: 1_000_000_000, int: true }),
      tpm_limit: numberField(t, { min: 1, max: 1_000_000_000, int: true }),
      billing: billingSchema(t),
      rules: rulesSchema(t),
      cache: cacheSchema(t),
      is_active: z.boolean(),
    })
    .transform(
      ({ billing, rules, requested_model, cache, ...rest }): ModelCreate => ({
        requested_model,
        ...rest,
        ...cache,
        ...billing,
        // The model form never offers "inherit" (it is a link-only mode).
        billing_mode: billing.billing_mode === 'inherit_model_default' ? null : billing.billing_mode,
        matching_rules: rules,
      }),
    );

  const save = useMutation({
    mutationFn: ({ requested_model, ...patch }: ModelCreate) =>
      editing ? updateModel(editing.requested_model, patch) : createModel({ requested_model, ...patch }),
    onSuccess: async (m) => {
      toast.success(t('models.saved', { name: m.requested_model }));
      await queryClient.invalidateQueries({ queryKey: ['models'] });
      onClose();
      if (!editing) await navigate({ to: '/models/detail', search: { model: m.requested_model } });
    },
    onError: (err) =>
      form.setErrors(
        apiFieldErrors(
          err,
          t('common.unknownError'),
          (f) =>
            billingFormPath(f, 'billing') ??
            (f.startsWith('cache_') ? `cache.${f}` : f.replace(/^matching_rules/, 'rules')),
          { duplicate_model: 'requested_model' },
        ),
      ),
  });

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={editing ? t('models.edit', { name: editing.requested_model }) : t('models.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="model-form" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <form
        id="model-form"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = form.validate(schema);
          if (body) save.mutate(body);
        }}
      >
        <FormError message={errors._form} />
        <div className="grid-2">
          <Field
            label={t('models.requestedModel')}
            error={errors.requested_model}
            hint={t('models.nameHint')}
            required
          >
            <input
              className="input mono"
              name="requested_model"
              disabled={editing !== null}
              value={values.requested_model}
              onChange={(e) => set('requested_model', e.target.value)}
            />
          </Field>
          <Field label={t('models.type')} error={errors.model_type}>
            <select
              className="select"
              value={values.model_type}
              onChange={(e) => set('model_type', e.target.value)}
            >
              {MODEL_TYPES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <StrategyField value={values.strategy} onChange={(v) => set('strategy', v)} />
        {values.strategy === 'cost_first' && (
          <Field
            label={t('models.expectedOutput')}
            error={errors.expected_output_tokens}
            hint={t('models.expectedOutputHint')}
          >
            <input
              className="input"
              inputMode="numeric"
              value={values.expected_output_tokens}
              onChange={(e) => set('expected_output_tokens', e.target.value)}
            />
          </Field>
        )}
        <section className="form-section">
          <h3>{t('models.pricing')}</h3>
          <BillingFields
            values={values.billing}
            onChange={(b) => set('billing', b)}
            errors={errors}
            prefix="billing"
            isLink={false}
          />
        </section>
        <section className="form-section">
          <h3>{t('limits.modelSection')}</h3>
          <p className="field-hint">{t('limits.modelSectionHint')}</p>
          <div className="grid-2">
            <Field label={t('limits.rpm')} error={errors.rpm_limit}>
              <input
                className="input"
                inputMode="numeric"
                value={values.rpm_limit}
                onChange={(e) => set('rpm_limit', e.target.value)}
              />
            </Field>
            <Field label={t('limits.tpm')} error={errors.tpm_limit}>
              <input
                className="input"
                inputMode="numeric"
                value={values.tpm_limit}
                onChange={(e) => set('tpm_limit', e.target.value)}
              />
            </Field>
          </div>
        </section>
        <section className="form-section">
          <h3>{t('models.matchingRules')}</h3>
          <p className="field-hint">{t('models.matchingRulesHint')}</p>
          <RuleBuilder
            values={values.rules}
            onChange={(r) => set('rules', r)}
            errors={errors}
            prefix="rules.rules"
          />
        </section>
        <CacheFields values={values.cache} onChange={(v) => set('cache', v)} errors={errors} />
        <Switch
          checked={values.is_active}
          onChange={(v) => set('is_active', v)}
          label={t('common.enabled')}
        />
      </form>
    </Dialog>
  );
}
