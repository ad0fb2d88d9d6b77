// Owns the model detail's provider calls over 7 days: per provider × target model, for exactly this model.
import { useQuery } from '@tanstack/react-query';
import { CallStatsTable } from '../../components/charts/call-stats-table';
import { Empty, ErrorState, Skeleton } from '../../components/ui/states';
import { useT } from '../../lib/i18n';
import { presetWindow } from '../../lib/time-range';
import { logStatsQuery } from '../logs/api';

export function ProviderCalls({ model }: { model: string }) {
  const t = useT();
  const query = useQuery(
    logStatsQuery({ page: 'model', model }, { model }, () => presetWindow('7d'), 'provider_model'),
  );
  const rows = query.data?.model_call_stats ?? [];
  return (
    <section className="card" data-testid="provider-calls">
      <div className="card-header">
        <h2>{t('models.providerCalls')}</h2>
        <span className="muted">{t('home.percentilesHint')}</span>
      </div>
      {query.isError ? (
        <div className="card-body">
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        </div>
      ) : !query.data ? (
        <div className="card-body">
          <Skeleton rows={3} />
        </div>
      ) : rows.length === 0 ? (
        <div className="card-body">
          <Empty title={t('home.noData')} />
        </div>
      ) : (
        <CallStatsTable rows={rows} />
      )}
    </section>
  );
}
