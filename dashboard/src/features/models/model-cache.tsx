// Owns the model detail's response-cache card: its settings, the last week's hit rate and savings, and the purge.
import { useMutation, useQuery } from '@tanstack/react-query';
import { confirmAction } from '../../components/ui/confirm';
import { errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { modelCacheStatsQuery, purgeModelCache } from '../cache/api';
import { CacheNumbers } from '../cache/cache-numbers';
import type { ModelDetail } from './types';

export function ModelCache({ model }: { model: ModelDetail }) {
  const t = useT();
  const stats = useQuery(modelCacheStatsQuery(model.requested_model));
  const purge = useMutation({
    mutationFn: () => purgeModelCache(model.requested_model),
    onSuccess: () => toast.success(t('cache.purged')),
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });
  async function askPurge() {
    const ok = await confirmAction({
      title: t('cache.purge'),
      message: t('cache.purgeConfirmModel', { name: model.requested_model }),
      confirmLabel: t('cache.purge'),
      danger: true,
    });
    if (ok) purge.mutate();
  }
  const scope = model.cache_scope === 'global' ? t('cache.scopeGlobalShort') : t('cache.scopeKeyShort');
  return (
    <section className="card" data-testid="model-cache">
      <div className="card-header">
        <h2>{t('cache.section')}</h2>
        <button type="button" className="btn" onClick={askPurge} disabled={purge.isPending}>
          {t('cache.purge')}
        </button>
      </div>
      <div className="card-body grid-2">
        <div>
          <h3>{t('models.settings')}</h3>
          <p>
            {model.cache_ttl_seconds === null
              ? t('cache.off')
              : t('cache.ttlValue', { ttl: `${formatNumber(model.cache_ttl_seconds)} s`, scope })}
          </p>
        </div>
        <div>
          <h3>{t('cache.usage7d')}</h3>
          {stats.data ? <CacheNumbers totals={stats.data.summary} /> : <p className="muted">…</p>}
        </div>
      </div>
    </section>
  );
}
