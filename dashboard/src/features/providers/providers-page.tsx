// Owns the providers page: filters in the URL, the table, import/export and the dialogs.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { confirmAction } from '../../components/ui/confirm';
import { Pagination } from '../../components/ui/pagination';
import { SearchInput } from '../../components/ui/search-input';
import { Empty, errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { TransferButtons } from '../../components/ui/transfer-buttons';
import { useT } from '../../lib/i18n';
import { InvalidJsonFileError } from '../../lib/json-file';
import { usePendingSearch } from '../../lib/search';
import { deleteProvider, type Provider, protocolsQuery, providerSearchSchema, providersQuery } from './api';
import { downloadProviders, uploadProviders } from './import-export';
import { ProviderFormDialog } from './provider-form-dialog';
import { ProviderModelsDialog } from './provider-models-dialog';
import { ProviderUsageDialog } from './provider-usage-dialog';
import { type ProviderAction, ProvidersTable } from './providers-table';

const route = getRouteApi('/_app/providers');

export function ProvidersPage() {
  const t = useT();
  const search = route.useSearch();
  const filters = usePendingSearch(providerSearchSchema);
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(providersQuery(search));
  const { data: presets } = useSuspenseQuery(protocolsQuery());
  const [dialog, setDialog] = useState<{ kind: ProviderAction | 'create'; provider: Provider | null } | null>(
    null,
  );
  const filtered = Boolean(search.name || search.protocol || search.is_active !== undefined);

  const remove = useMutation({
    mutationFn: (p: Provider) => deleteProvider(p.id),
    onSuccess: async () => {
      toast.success(t('providers.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['providers'] });
    },
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });

  async function onAction(kind: ProviderAction, p: Provider) {
    if (kind !== 'delete') return setDialog({ kind, provider: p });
    const ok = await confirmAction({
      title: t('providers.delete'),
      message: t('providers.deleteConfirm', { name: p.name }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (ok) remove.mutate(p);
  }

  async function onImport(file: File) {
    try {
      const r = await uploadProviders(file);
      toast.success(
        t('providers.imported', { created: r.success, skipped: r.skipped.length, failed: r.errors.length }),
      );
      await queryClient.invalidateQueries({ queryKey: ['providers'] });
    } catch (err) {
      toast.error(
        err instanceof InvalidJsonFileError
          ? t('providers.importInvalid')
          : errorMessage(err, t('common.unknownError')),
      );
    }
  }

  async function onExport() {
    await downloadProviders().catch((err) => toast.error(errorMessage(err, t('common.unknownError'))));
  }

  const setSearch = (patch: Partial<typeof search>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: 1 }) });

  return (
    <div className="page">
      <PageHeader
        title={t('providers.title')}
        subtitle={t('providers.subtitle')}
        actions={
          <>
            <TransferButtons onImport={onImport} onExport={onExport} />
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setDialog({ kind: 'create', provider: null })}
            >
              + {t('providers.create')}
            </button>
          </>
        }
      />
      <div className="filters">
        <div className="field">
          <span className="field-label">{t('common.name')}</span>
          <SearchInput
            label={t('common.name')}
            value={search.name}
            onCommit={(name) => setSearch({ name })}
          />
        </div>
        <label className="field">
          <span className="field-label">{t('providers.protocol')}</span>
          <select
            className="select"
            value={filters.protocol ?? ''}
            onChange={(e) => setSearch({ protocol: e.target.value || undefined })}
          >
            <option value="">{t('common.all')}</option>
            {presets.map((p) => (
              <option key={p.protocol} value={p.protocol}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('common.status')}</span>
          <select
            className="select"
            value={filters.is_active === undefined ? '' : String(filters.is_active)}
            onChange={(e) =>
              setSearch({ is_active: e.target.value === '' ? undefined : e.target.value === 'true' })
            }
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{t('common.enabled')}</option>
            <option value="false">{t('common.disabled')}</option>
          </select>
        </label>
        {filtered && (
          <button type="button" className="btn" onClick={() => navigate({ search: {} })}>
            {t('common.clear')}
          </button>
        )}
      </div>
      {data.items.length === 0 ? (
        <Empty
          title={filtered ? t('common.noMatches') : t('providers.empty')}
          hint={filtered ? undefined : t('providers.emptyHint')}
        />
      ) : (
        <ProvidersTable items={data.items} onAction={onAction} />
      )}
      <Pagination
        page={data.page}
        pageSize={data.page_size}
        total={data.total}
        onChange={(page, page_size) => navigate({ search: { ...search, page, page_size } })}
      />
      {dialog?.kind === 'create' && <ProviderFormDialog editing={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && dialog.provider && (
        <ProviderFormDialog editing={dialog.provider} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'test' && dialog.provider && (
        <ProviderModelsDialog
          providerId={dialog.provider.id}
          title={t('providers.testTitle', { name: dialog.provider.name })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'usage' && dialog.provider && (
        <ProviderUsageDialog provider={dialog.provider} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
