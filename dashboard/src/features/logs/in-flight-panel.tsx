// Owns the logs page's "running now" panel: requests in progress on any instance, with a live timer and Cancel.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { confirmAction } from '../../components/ui/confirm';
import { errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { formatMs } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { cancelRequest, inFlightQuery, type RunningRequest } from './in-flight';

const POLL_MS = 2000;

/** Re-renders every half second so elapsed times tick between polls. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function InFlightPanel({ enabled }: { enabled: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const now = useNow();
  const { data } = useQuery({ ...inFlightQuery(), refetchInterval: enabled ? POLL_MS : false });
  const cancel = useMutation({
    mutationFn: (r: RunningRequest) => cancelRequest(r.trace_id),
    onSuccess: async () => {
      toast.success(t('inflight.cancelled'));
      await queryClient.invalidateQueries({ queryKey: ['logs'] });
    },
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });

  async function askCancel(r: RunningRequest) {
    const ok = await confirmAction({
      title: t('inflight.cancelTitle'),
      message: t('inflight.cancelConfirm', { model: r.requested_model ?? r.request_path }),
      confirmLabel: t('inflight.cancel'),
      danger: true,
    });
    if (ok) cancel.mutate(r);
  }

  const items = data?.items ?? [];
  return (
    <section className="card card-body stack" aria-label={t('inflight.title')} data-testid="in-flight">
      <div className="row">
        <strong>{t('inflight.title')}</strong>
        <span className="badge badge-muted">{items.length}</span>
        <span className="muted">{t('inflight.hint')}</span>
      </div>
      {items.length === 0 ? (
        <p className="muted">{t('inflight.none')}</p>
      ) : (
        <table className="table">
          <tbody>
            {items.map((r) => (
              <tr key={r.trace_id} data-testid="in-flight-row">
                <td className="mono">{r.requested_model ?? '—'}</td>
                <td>{r.api_key_name ?? '—'}</td>
                <td className="mono muted">{r.request_path}</td>
                <td>
                  <span className="badge badge-warning">{t('inflight.running')}</span>{' '}
                  {formatMs(now - Date.parse(r.started_at))}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="btn btn-sm btn-danger-ghost"
                    disabled={r.cancel_requested || cancel.isPending}
                    onClick={() => askCancel(r)}
                  >
                    {t('inflight.cancel')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
