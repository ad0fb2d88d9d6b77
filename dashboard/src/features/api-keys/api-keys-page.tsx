// Owns the API keys page: the list (masked, usage against limits, monthly cost, last used), create with reveal, edit, disable, delete.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { confirmAction } from '../../components/ui/confirm';
import { Pagination } from '../../components/ui/pagination';
import { Empty, errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { formatCost, formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePendingSearch } from '../../lib/search';
import { purgeKeyCache } from '../cache/api';
import { type ApiKey, apiKeySearchSchema, apiKeysQuery, deleteApiKey, updateApiKey } from './api';
import { KeyFormDialog } from './key-form-dialog';
import { KeyRevealDialog } from './key-reveal-dialog';
import { UsageBars } from './usage-bars';

const route = getRouteApi('/_app/api-keys/');

export function ApiKeysPage() {
  const t = useT();
  const search = route.useSearch();
  const filters = usePendingSearch(apiKeySearchSchema);
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(apiKeysQuery(search));
  const [editing, setEditing] = useState<ApiKey | null | 'new'>(null);
  const [created, setCreated] = useState<ApiKey | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  const toggle = useMutation({
    mutationFn: (k: ApiKey) => updateApiKey(k.id, { is_active: !k.is_active }),
    onSuccess: refresh,
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });
  const remove = useMutation({
    mutationFn: (k: ApiKey) => deleteApiKey(k.id),
    onSuccess: async () => {
      toast.success(t('keys.deleted'));
      await refresh();
    },
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });

  const purge = useMutation({
    mutationFn: (k: ApiKey) => purgeKeyCache(k.id),
    onSuccess: () => toast.success(t('cache.purged')),
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });

  async function askPurge(k: ApiKey) {
    const ok = await confirmAction({
      title: t('cache.purge'),
      message: t('cache.purgeConfirmKey', { name: k.key_name }),
      confirmLabel: t('cache.purge'),
    });
    if (ok) purge.mutate(k);
  }

  async function askDelete(k: ApiKey) {
    const ok = await confirmAction({
      title: t('keys.delete'),
      message: t('keys.deleteConfirm', { name: k.key_name }),
      confirmLabel: t('common.delete'),
      danger: true,
      typeToConfirm: k.key_name,
    });
    if (ok) remove.mutate(k);
  }

  return (
    <div className="page">
      <PageHeader
        title={t('keys.title')}
        subtitle={t('keys.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            + {t('keys.create')}
          </button>
        }
      />
      <div className="filters">
        <label className="field field-inline">
          <span className="field-label">{t('common.status')}</span>
          <select
            className="select"
            value={filters.is_active === undefined ? '' : String(filters.is_active)}
            onChange={(e) =>
              navigate({
                search: {
                  ...search,
                  page: 1,
                  is_active: e.target.value === '' ? undefined : e.target.value === 'true',
                },
              })
            }
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{t('common.enabled')}</option>
            <option value="false">{t('common.disabled')}</option>
          </select>
        </label>
      </div>
      {data.items.length === 0 ? (
        <Empty title={t('keys.empty')} hint={t('keys.emptyHint')} />
      ) : (
        <div className="table-wrap card">
          <table className="table">
            <thead>
              <tr>
                <th>{t('keys.name')}</th>
                <th>{t('keys.key')}</th>
                <th>{t('common.status')}</th>
                <th>{t('limits.usage')}</th>
                <th className="num">{t('keys.monthlyCost')}</th>
                <th>{t('keys.lastUsed')}</th>
                <th>{t('common.created')}</th>
                <th>{t('keys.expiresAt')}</th>
                <th className="actions">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((k) => (
                <tr key={k.id}>
                  <td>
                    <Link to="/api-keys/detail" search={{ id: k.id }}>
                      <strong>{k.key_name}</strong>
                    </Link>
                    {!k.record_details && <span className="badge badge-muted">{t('keys.detailsOff')}</span>}
                    {k.is_mcp_admin && <span className="badge badge-info">{t('keys.mcpAdmin')}</span>}
                  </td>
                  <td className="mono">{k.key_value}</td>
                  <td>
                    {k.is_expired ? (
                      <span className="badge badge-warning">{t('keys.expired')}</span>
                    ) : k.is_active ? (
                      <span className="badge badge-success">{t('common.enabled')}</span>
                    ) : (
                      <span className="badge badge-muted">{t('common.disabled')}</span>
                    )}
                  </td>
                  <td>
                    <UsageBars apiKey={k} compact />
                  </td>
                  <td className="num">{formatCost(k.monthly_cost)}</td>
                  <td>{k.last_used_at ? formatDateTime(k.last_used_at) : t('keys.never')}</td>
                  <td>{formatDateTime(k.created_at)}</td>
                  <td>{k.expires_at ? formatDateTime(k.expires_at) : t('keys.noExpiry')}</td>
                  <td className="actions">
                    <button type="button" className="btn btn-sm" onClick={() => setEditing(k)}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="btn btn-sm" onClick={() => toggle.mutate(k)}>
                      {k.is_active ? t('common.disable') : t('common.enable')}
                    </button>
                    <button type="button" className="btn btn-sm" onClick={() => askPurge(k)}>
                      {t('cache.purge')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-danger-ghost"
                      onClick={() => askDelete(k)}
                    >
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={data.page}
        pageSize={data.page_size}
        total={data.total}
        onChange={(page, page_size) => navigate({ search: { ...search, page, page_size } })}
      />
      {editing !== null && (
        <KeyFormDialog
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={setCreated}
        />
      )}
      {created && <KeyRevealDialog created={created} onClose={() => setCreated(null)} />}
    </div>
  );
}
