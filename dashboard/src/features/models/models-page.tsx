// Owns the models list page: filters, table with latency, create/edit/test/delete, import/export.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { confirmAction } from '../../components/ui/confirm';
import { Pagination } from '../../components/ui/pagination';
import { Empty, errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { TransferButtons } from '../../components/ui/transfer-buttons';
import { useT } from '../../lib/i18n';
import { InvalidJsonFileError } from '../../lib/json-file';
import { usePendingSearch } from '../../lib/search';
import { deleteModel, invalidateLinkViews, modelSearchSchema, modelsQuery } from './api';
import { downloadModels, uploadModels } from './import-export';
import { ImportResultDialog } from './import-result-dialog';
import { ModelFilters } from './model-filters';
import { ModelFormDialog } from './model-form-dialog';
import { ModelTestDialog } from './model-test-dialog';
import { type ModelAction, ModelsTable } from './models-table';
import type { Model, ModelImportResult } from './types';

const route = getRouteApi('/_app/models/');

export function ModelsPage() {
  const t = useT();
  const search = route.useSearch();
  const filters = usePendingSearch(modelSearchSchema);
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(modelsQuery(search));
  const [dialog, setDialog] = useState<{ kind: ModelAction | 'create'; model: Model | null } | null>(null);
  const [imported, setImported] = useState<ModelImportResult | null>(null);
  const filtered = Object.entries(search).some(
    ([k, v]) => k !== 'page' && k !== 'page_size' && v !== undefined,
  );

  const remove = useMutation({
    mutationFn: (m: Model) => deleteModel(m.requested_model),
    onSuccess: async () => {
      toast.success(t('models.deleted'));
      await invalidateLinkViews(queryClient);
    },
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });

  async function onAction(kind: ModelAction, m: Model) {
    if (kind !== 'delete') return setDialog({ kind, model: m });
    const ok = await confirmAction({
      title: t('models.delete'),
      message: t('models.deleteConfirm', { name: m.requested_model, n: m.provider_count }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (ok) remove.mutate(m);
  }

  async function onImport(file: File) {
    try {
      setImported(await uploadModels(file));
      await invalidateLinkViews(queryClient);
    } catch (err) {
      toast.error(
        err instanceof InvalidJsonFileError
          ? t('models.importInvalid')
          : errorMessage(err, t('common.unknownError')),
      );
    }
  }

  async function onExport() {
    await downloadModels().catch((err) => toast.error(errorMessage(err, t('common.unknownError'))));
  }

  return (
    <div className="page">
      <PageHeader
        title={t('models.title')}
        subtitle={t('models.subtitle')}
        actions={
          <>
            <TransferButtons onImport={onImport} onExport={onExport} />
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setDialog({ kind: 'create', model: null })}
            >
              + {t('models.create')}
            </button>
          </>
        }
      />
      <ModelFilters
        search={filters}
        onChange={(patch) =>
          navigate({ search: (prev) => (patch === null ? {} : { ...prev, ...patch, page: 1 }) })
        }
      />
      {data.items.length === 0 ? (
        <Empty
          title={filtered ? t('common.noMatches') : t('models.empty')}
          hint={filtered ? undefined : t('models.emptyHint')}
        />
      ) : (
        <ModelsTable items={data.items} onAction={onAction} />
      )}
      <Pagination
        page={data.page}
        pageSize={data.page_size}
        total={data.total}
        onChange={(page, page_size) => navigate({ search: { ...search, page, page_size } })}
      />
      {dialog?.kind === 'create' && <ModelFormDialog editing={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && dialog.model && (
        <ModelFormDialog editing={dialog.model} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'test' && dialog.model && (
        <ModelTestDialog
          model={dialog.model.requested_model}
          protocols={[]}
          onClose={() => setDialog(null)}
        />
      )}
      {imported && <ImportResultDialog result={imported} onClose={() => setImported(null)} />}
    </div>
  );
}
