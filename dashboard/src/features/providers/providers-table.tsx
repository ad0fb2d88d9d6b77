// Owns the providers table rows and their actions (test, models using it, edit, delete).
import { useSuspenseQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type Provider, protocolsQuery } from './api';

export type ProviderAction = 'test' | 'usage' | 'edit' | 'delete';

export function ProvidersTable({
  items,
  onAction,
}: {
  items: Provider[];
  onAction: (a: ProviderAction, p: Provider) => void;
}) {
  const t = useT();
  const { data: presets } = useSuspenseQuery(protocolsQuery());
  const label = (protocol: string) => presets.find((p) => p.protocol === protocol)?.label ?? protocol;
  return (
    <div className="table-wrap card">
      <table className="table" data-testid="providers-table">
        <thead>
          <tr>
            <th>{t('common.id')}</th>
            <th>{t('common.name')}</th>
            <th>{t('providers.baseUrl')}</th>
            <th>{t('providers.protocol')}</th>
            <th>{t('providers.inUse')}</th>
            <th>{t('common.status')}</th>
            <th>{t('common.updated')}</th>
            <th className="actions">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => {
            const used = p.link_count ?? 0;
            return (
              <tr key={p.id}>
                <td className="muted">{p.id}</td>
                <td>
                  <strong>{p.name}</strong>
                  {p.remark && <div className="muted truncate">{p.remark}</div>}
                </td>
                <td>
                  <span className="mono truncate" title={p.base_url}>
                    {p.base_url}
                  </span>
                </td>
                <td>{label(p.protocol)}</td>
                <td>
                  <button type="button" className="link-btn" onClick={() => onAction('usage', p)}>
                    {t('providers.linkCount', { n: used })}
                  </button>
                </td>
                <td>
                  {p.is_active ? (
                    <span className="badge badge-success">{t('common.enabled')}</span>
                  ) : (
                    <span className="badge badge-muted">{t('common.disabled')}</span>
                  )}
                </td>
                <td className="nowrap">{formatDateTime(p.updated_at)}</td>
                <td className="actions">
                  <button type="button" className="btn btn-sm" onClick={() => onAction('test', p)}>
                    {t('providers.test')}
                  </button>
                  <button type="button" className="btn btn-sm" onClick={() => onAction('edit', p)}>
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-danger-ghost"
                    disabled={used > 0}
                    title={used > 0 ? t('providers.deleteBlocked', { n: used }) : undefined}
                    onClick={() => onAction('delete', p)}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
