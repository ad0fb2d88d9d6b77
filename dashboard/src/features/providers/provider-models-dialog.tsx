// Owns the connection test: fetches the provider's model list with its own credentials and shows the result.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { formatMs } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type ProviderModels, providerModelsQuery } from './api';

export function ProviderModelsDialog({
  providerId,
  title,
  onClose,
  onPick,
}: {
  providerId: number;
  title: string;
  onClose: () => void;
  /** When set, clicking a model picks it (the link form's "pick from provider"). */
  onPick?: (model: string) => void;
}) {
  const t = useT();
  const query = useQuery(providerModelsQuery(providerId));
  return (
    <Dialog
      open
      size="md"
      onClose={onClose}
      title={title}
      footer={
        <button type="button" className="btn" onClick={() => query.refetch()} disabled={query.isFetching}>
          {t('providers.testAgain')}
        </button>
      }
    >
      {query.isPending || (query.isFetching && !query.data) ? (
        <Loading label={t('providers.testing')} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <ModelsResult result={query.data} onPick={onPick} />
      )}
    </Dialog>
  );
}

function ModelsResult({ result, onPick }: { result: ProviderModels; onPick?: (m: string) => void }) {
  const t = useT();
  const [filter, setFilter] = useState('');
  if (!result.success) {
    return (
      <div className="stack" data-testid="connection-result">
        <div className="notice notice-danger" role="alert">
          <strong>{t('providers.testFailed')}</strong>
          <p>
            {result.error?.message}
            {result.error?.details?.status_code ? ` (HTTP ${result.error.details.status_code})` : ''}
          </p>
        </div>
        {result.error?.details?.body && (
          <pre className="code wrap code-block">{result.error.details.body}</pre>
        )}
      </div>
    );
  }
  const shown = result.models.filter((m) => m.toLowerCase().includes(filter.toLowerCase()));
  return (
    <div className="stack" data-testid="connection-result">
      <div className="notice notice-info">
        {t('providers.testOk', { n: result.models.length, ms: formatMs(result.latency_ms ?? null) })}
      </div>
      <input
        className="input"
        placeholder={t('providers.filterModels')}
        aria-label={t('providers.filterModels')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {shown.length === 0 ? (
        <Empty title={t('providers.noModels')} />
      ) : (
        <ul className="pick-list">
          {shown.map((m) => (
            <li key={m}>
              {onPick ? (
                <button type="button" className="pick-item" onClick={() => onPick(m)}>
                  <span className="mono">{m}</span>
                </button>
              ) : (
                <span className="mono">{m}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
