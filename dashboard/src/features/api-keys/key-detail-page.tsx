// Owns the key detail page: its settings and limits, and a live bar against each limit.
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { formatCost, formatDateTime, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { apiKeyQuery } from './api';
import { KeyFormDialog } from './key-form-dialog';
import { UsageBars } from './usage-bars';

const route = getRouteApi('/_app/api-keys/detail');

const orNone = (n: number | null, none: string) => (n === null ? none : formatNumber(n));

export function KeyDetailPage() {
  const t = useT();
  const { id } = route.useSearch();
  const { data: k } = useSuspenseQuery(apiKeyQuery(id));
  const [editing, setEditing] = useState(false);
  const none = t('limits.unlimited');
  return (
    <div className="page">
      <PageHeader
        title={k.key_name}
        subtitle={t('keys.detail')}
        actions={
          <>
            <Link to="/api-keys" className="btn">
              {t('keys.backToList')}
            </Link>
            <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          </>
        }
      />
      <div className="grid-2">
        <section className="card card-body">
          <h3>{t('keys.settings')}</h3>
          <dl className="kv">
            <dt>{t('keys.key')}</dt>
            <dd className="mono">{k.key_value}</dd>
            <dt>{t('common.status')}</dt>
            <dd>
              {k.is_expired ? t('keys.expired') : k.is_active ? t('common.enabled') : t('common.disabled')}
            </dd>
            <dt>{t('keys.expiresAt')}</dt>
            <dd>{k.expires_at ? formatDateTime(k.expires_at) : t('keys.noExpiry')}</dd>
            <dt>{t('keys.monthlyCost')}</dt>
            <dd>{formatCost(k.monthly_cost)}</dd>
            <dt>{t('limits.allowedModels')}</dt>
            <dd className="mono">{k.allowed_models?.join(', ') ?? t('keys.allModels')}</dd>
            <dt>{t('limits.rpm')}</dt>
            <dd>{orNone(k.rpm_limit, none)}</dd>
            <dt>{t('limits.tpm')}</dt>
            <dd>{orNone(k.tpm_limit, none)}</dd>
            <dt>{t('limits.concurrency')}</dt>
            <dd>{orNone(k.concurrency_limit, none)}</dd>
            <dt>{t('limits.budget')}</dt>
            <dd>
              {k.budget_usd === null
                ? none
                : `${formatCost(k.budget_usd)} · ${t(`limits.period.${k.budget_period}`)}`}
            </dd>
            <dt>{t('limits.userRpm')}</dt>
            <dd>{orNone(k.user_rpm_limit, none)}</dd>
            <dt>{t('limits.userBudget')}</dt>
            <dd>{k.user_budget_usd === null ? none : formatCost(k.user_budget_usd)}</dd>
          </dl>
        </section>
        <section className="card card-body">
          <h3>{t('limits.usage')}</h3>
          <p className="field-hint">{t('limits.usageHint')}</p>
          <UsageBars apiKey={k} />
        </section>
      </div>
      {editing && <KeyFormDialog editing={k} onClose={() => setEditing(false)} onCreated={() => {}} />}
    </div>
  );
}
