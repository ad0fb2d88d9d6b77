// Owns the "models using this provider" dialog: each link, with a way to its model.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Dialog } from '../../components/ui/dialog';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { useT } from '../../lib/i18n';
import { providerUsageQuery } from './api';

export function ProviderUsageDialog({
  providerId,
  title,
  onClose,
}: {
  providerId: number;
  title: string;
  onClose: () => void;
}) {
  const t = useT();
  const query = useQuery(providerUsageQuery(providerId));
  return (
    <Dialog open onClose={onClose} title={title}>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.links.length === 0 ? (
        <Empty title={t('providers.unused')} hint={t('providers.unusedHint')} />
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('models.requestedModel')}</th>
              <th>{t('models.targetModel')}</th>
              <th>{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.links.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to="/models/detail" search={{ model: l.requested_model }} onClick={onClose}>
                    {l.requested_model}
                  </Link>
                </td>
                <td className="mono">{l.target_model_name}</td>
                <td>
                  {l.is_active ? (
                    <span className="badge badge-success">{t('common.enabled')}</span>
                  ) : (
                    <span className="badge badge-muted">{t('common.disabled')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
