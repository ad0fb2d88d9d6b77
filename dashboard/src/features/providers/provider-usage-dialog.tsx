// Owns the "models using this provider" dialog: links grouped by target model, each group upgradable at once.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { useT } from '../../lib/i18n';
import { type Provider, providerUsageQuery } from './api';
import { BulkUpgradeDialog } from './bulk-upgrade-dialog';
import { groupByTarget, type TargetGroup } from './target-groups';

function GroupRow({
  group,
  onClose,
  onUpgrade,
}: {
  group: TargetGroup;
  onClose: () => void;
  onUpgrade: () => void;
}) {
  const t = useT();
  return (
    <tr data-testid="usage-group">
      <td className="mono">{group.target}</td>
      <td>
        <div className="badges">
          {group.links.map((l) => (
            <Link
              key={l.id}
              to="/models/detail"
              search={{ model: l.requested_model }}
              onClick={onClose}
              className={`badge mono ${l.is_active ? 'badge-success' : 'badge-muted'}`}
              title={l.is_active ? t('common.enabled') : t('common.disabled')}
            >
              {l.requested_model}
            </Link>
          ))}
        </div>
      </td>
      <td className="actions">
        <button type="button" className="btn btn-sm" onClick={onUpgrade}>
          {t('upgrade.open')}
        </button>
      </td>
    </tr>
  );
}

export function ProviderUsageDialog({ provider, onClose }: { provider: Provider; onClose: () => void }) {
  const t = useT();
  const query = useQuery(providerUsageQuery(provider.id));
  const [upgrading, setUpgrading] = useState<TargetGroup | null>(null);
  return (
    <Dialog open size="lg" onClose={onClose} title={t('providers.usageTitle', { name: provider.name })}>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.links.length === 0 ? (
        <Empty title={t('providers.unused')} hint={t('providers.unusedHint')} />
      ) : (
        <table className="table table-compact" data-testid="provider-usage">
          <thead>
            <tr>
              <th>{t('models.targetModel')}</th>
              <th>{t('upgrade.requestedModels')}</th>
              <th className="actions">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {groupByTarget(query.data.links).map((g) => (
              <GroupRow key={g.target} group={g} onClose={onClose} onUpgrade={() => setUpgrading(g)} />
            ))}
          </tbody>
        </table>
      )}
      {upgrading && (
        <BulkUpgradeDialog provider={provider} group={upgrading} onClose={() => setUpgrading(null)} />
      )}
    </Dialog>
  );
}
