// Owns the bulk upgrade of one provider's target model: the affected models first, the new name and optional
// new billing, then how many links were updated.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { Dialog } from '../../components/ui/dialog';
import { FormError, Switch } from '../../components/ui/field';
import { apiFieldErrors, useForm } from '../../lib/form';
import { type Translate, useT } from '../../lib/i18n';
import { invalidateLinkViews } from '../models/api';
import { BillingFields } from '../models/billing/billing-fields';
import { billingFormPath, billingSchema, billingValues } from '../models/billing/billing-values';
import { TargetModelField } from '../models/target-model-field';
import { type BulkUpgradeResult, bulkUpgrade, type Provider } from './api';
import type { TargetGroup } from './target-groups';

function upgradeSchema(t: Translate, withBilling: boolean) {
  return z.object({
    new_target: z
      .string()
      .trim()
      .min(1, t('validation.required'))
      .max(200, t('validation.maxLength', { n: 200 })),
    billing: withBilling ? billingSchema(t) : z.unknown().transform(() => null),
  });
}

function ModelBadges({ names }: { names: string[] }) {
  return (
    <div className="badges">
      {names.map((n) => (
        <span key={n} className="badge badge-muted mono">
          {n}
        </span>
      ))}
    </div>
  );
}

export function BulkUpgradeDialog({
  provider,
  group,
  onClose,
}: {
  provider: Provider;
  group: TargetGroup;
  onClose: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<BulkUpgradeResult | null>(null);
  const form = useForm({
    new_target: '',
    change_billing: false,
    billing: billingValues(null, 'inherit_model_default'),
  });
  const { values, errors, set } = form;

  const save = useMutation({
    mutationFn: (v: z.output<ReturnType<typeof upgradeSchema>>) =>
      bulkUpgrade({
        provider_id: provider.id,
        current_target_model_name: group.target,
        new_target_model_name: v.new_target,
        ...(v.billing ?? {}),
      }),
    onSuccess: async (r) => {
      setResult(r);
      await invalidateLinkViews(queryClient);
    },
    onError: (err) =>
      form.setErrors(
        apiFieldErrors(err, t('common.unknownError'), (f) =>
          f === 'new_target_model_name' ? 'new_target' : (billingFormPath(f, 'billing') ?? f),
        ),
      ),
  });

  const close = (
    <button type="button" className="btn" onClick={onClose}>
      {result ? t('common.done') : t('common.cancel')}
    </button>
  );
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={t('upgrade.title', { target: group.target })}
      footer={
        result ? (
          close
        ) : (
          <>
            {close}
            <button type="submit" form="upgrade-form" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? t('common.saving') : t('upgrade.submit', { n: group.links.length })}
            </button>
          </>
        )
      }
    >
      {result ? (
        <div className="stack" data-testid="upgrade-result">
          <div className="notice notice-info">{t('upgrade.done', { n: result.updated_count })}</div>
          <ModelBadges names={result.links.map((l) => l.requested_model)} />
        </div>
      ) : (
        <form
          id="upgrade-form"
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const body = form.validate(upgradeSchema(t, values.change_billing));
            if (body) save.mutate(body);
          }}
        >
          <FormError message={errors._form} />
          <section data-testid="upgrade-affected">
            <h3>{t('upgrade.affected', { n: group.links.length, provider: provider.name })}</h3>
            <ModelBadges names={group.links.map((l) => l.requested_model)} />
          </section>
          <TargetModelField
            provider={provider}
            label={t('upgrade.newTarget')}
            value={values.new_target}
            error={errors.new_target}
            onChange={(v) => set('new_target', v)}
            onApplyPricing={(p) =>
              form.setValues((v) => ({
                ...v,
                change_billing: true,
                billing: billingValues(p, 'inherit_model_default'),
              }))
            }
          />
          <section className="form-section stack-sm">
            <Switch
              checked={values.change_billing}
              onChange={(v) => set('change_billing', v)}
              label={t('upgrade.changeBilling')}
            />
            <p className="field-hint">{t('upgrade.changeBillingHint')}</p>
            {values.change_billing && (
              <BillingFields
                values={values.billing}
                onChange={(b) => set('billing', b)}
                errors={errors}
                prefix="billing"
                isLink
              />
            )}
          </section>
        </form>
      )}
    </Dialog>
  );
}
