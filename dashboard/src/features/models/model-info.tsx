// Owns the model detail's summary cards: settings, pricing, model-level rules and recent usage.
import { useSuspenseQuery } from '@tanstack/react-query';
import { formatDateTime, formatMs, formatNumber, formatPercent } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { modelStatsQuery } from './api';
import { billingSummary } from './billing/billing-summary';
import { rulesCount } from './rules/rule-values';
import { STRATEGY_LABELS } from './strategy-field';
import type { ModelDetail } from './types';

export function ModelInfo({ model }: { model: ModelDetail }) {
  const t = useT();
  const { data: stats } = useSuspenseQuery(modelStatsQuery(model.requested_model));
  const s = stats.get(model.requested_model);
  return (
    <div className="grid-3">
      <section className="card card-body">
        <h3>{t('models.settings')}</h3>
        <dl className="kv">
          <dt>{t('models.type')}</dt>
          <dd>{model.model_type ?? 'chat'}</dd>
          <dt>{t('models.strategy')}</dt>
          <dd>{t(STRATEGY_LABELS[model.strategy]?.label ?? 'strategy.round_robin')}</dd>
          <dt>{t('models.providers')}</dt>
          <dd>
            {model.active_provider_count}/{model.provider_count}
          </dd>
          <dt>{t('models.matchingRules')}</dt>
          <dd>
            {rulesCount(model.matching_rules) > 0
              ? t('links.ruleCount', {
                  n: rulesCount(model.matching_rules),
                  logic: model.matching_rules?.logic?.toUpperCase() ?? 'AND',
                })
              : t('links.noRules')}
          </dd>
          <dt>{t('limits.rpm')}</dt>
          <dd>{model.rpm_limit === null ? t('limits.unlimited') : formatNumber(model.rpm_limit)}</dd>
          <dt>{t('limits.tpm')}</dt>
          <dd>{model.tpm_limit === null ? t('limits.unlimited') : formatNumber(model.tpm_limit)}</dd>
          <dt>{t('common.created')}</dt>
          <dd>{formatDateTime(model.created_at)}</dd>
        </dl>
      </section>
      <section className="card card-body">
        <h3>{t('models.pricing')}</h3>
        <p>{billingSummary(model, t)}</p>
        <p className="field-hint">{t('models.pricingHint')}</p>
      </section>
      <section className="card card-body">
        <h3>{t('models.usage7d')}</h3>
        <dl className="kv">
          <dt>{t('models.requests7d')}</dt>
          <dd>{formatNumber(s?.request_count ?? 0)}</dd>
          <dt>{t('models.successRate')}</dt>
          <dd>{formatPercent(s?.success_rate)}</dd>
          <dt>{t('models.avgLatency')}</dt>
          <dd>{formatMs(s?.avg_total_time_ms)}</dd>
          <dt>{t('models.avgFirstToken')}</dt>
          <dd>{formatMs(s?.avg_first_byte_ms)}</dd>
        </dl>
      </section>
    </div>
  );
}
