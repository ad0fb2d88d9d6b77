// Owns log upkeep from the logs page: run retention now, and inspect messages the log queue gave up on.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { confirmAction } from '../../components/ui/confirm';
import { Dialog } from '../../components/ui/dialog';
import { JsonView } from '../../components/ui/json-view';
import { Menu } from '../../components/ui/menu';
import { Pagination } from '../../components/ui/pagination';
import { Empty, ErrorState, errorMessage, Loading } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { api, type Paged } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';

interface DeadLetter {
  id: number;
  record_id: string | null;
  trace_id: string | null;
  attempts: number;
  error: string | null;
  body: unknown;
  received_at: string | null;
}

const deadLettersQuery = (page: number) =>
  queryOptions({
    queryKey: ['logs', 'dead-letters', page],
    queryFn: () => api<Paged<DeadLetter>>('/api/admin/logs/dead-letters', { query: { page, page_size: 20 } }),
  });

function DeadLettersDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = useQuery(deadLettersQuery(page));
  return (
    <Dialog open size="xl" onClose={onClose} title={t('logs.deadLetters')}>
      <p className="field-hint">{t('logs.deadLettersHint')}</p>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Loading />
      ) : query.data.items.length === 0 ? (
        <Empty title={t('logs.noDeadLetters')} />
      ) : (
        <div className="stack">
          {query.data.items.map((d) => (
            <details key={d.id} className="prompt-tool">
              <summary>
                {formatDateTime(d.received_at)} ·{' '}
                <span className="mono">{d.trace_id ?? d.record_id ?? d.id}</span> ·{' '}
                {t('logs.deliveryAttempts', { n: d.attempts })} · <span className="muted">{d.error}</span>
              </summary>
              <JsonView value={d.body} maxHeight={300} />
            </details>
          ))}
          <Pagination
            page={query.data.page}
            pageSize={20}
            total={query.data.total}
            sizes={[20]}
            onChange={(p) => setPage(p)}
          />
        </div>
      )}
    </Dialog>
  );
}

export function LogMaintenance() {
  const t = useT();
  const queryClient = useQueryClient();
  const [deadLetters, setDeadLetters] = useState(false);
  const cleanup = useMutation({
    mutationFn: () => api<{ message: string }>('/api/admin/logs/cleanup', { method: 'POST' }),
    onSuccess: async (r) => {
      toast.success(r.message);
      await queryClient.invalidateQueries({ queryKey: ['logs'] });
    },
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });
  async function askCleanup() {
    const ok = await confirmAction({
      title: t('logs.cleanup'),
      message: t('logs.cleanupConfirm'),
      confirmLabel: t('logs.cleanup'),
      danger: true,
    });
    if (ok) cleanup.mutate();
  }
  return (
    <>
      <Menu
        label={t('logs.maintenance')}
        items={[
          { label: t('logs.cleanup'), onSelect: askCleanup, disabled: cleanup.isPending },
          { label: t('logs.deadLetters'), onSelect: () => setDeadLetters(true) },
        ]}
      />
      {deadLetters && <DeadLettersDialog onClose={() => setDeadLetters(false)} />}
    </>
  );
}
