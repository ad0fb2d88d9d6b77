// Owns the model detail page: its settings, usage numbers, provider links with health, and the test tools.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { confirmAction } from '../../components/ui/confirm';
import { Empty, errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { useT } from '../../lib/i18n';
import { deleteModel, invalidateLinkViews, modelDetailQuery } from './api';
import { LinkFormDialog } from './link-form-dialog';
import { type LinkAction, LinksTable } from './links-table';
import { MatchTestDialog } from './match-test-dialog';
import { ModelCache } from './model-cache';
import { ModelFormDialog } from './model-form-dialog';
import { ModelInfo } from './model-info';
import { ModelTestDialog } from './model-test-dialog';
import { PauseDialog } from './pause-dialog';
import { ProviderCalls } from './provider-calls';
import type { ModelLink } from './types';
import { useLinkActions } from './use-link-actions';

const route = getRouteApi('/_app/models/detail');

type DialogState =
  | { kind: 'edit-model' | 'match' | 'test' | 'add-link' }
  | { kind: 'edit-link' | 'pause'; link: ModelLink }
  | null;

export function ModelDetailPage() {
  const t = useT();
  const { model: name } = route.useSearch();
  const { data: model } = useSuspenseQuery({ ...modelDetailQuery(name), refetchInterval: 15_000 });
  const [dialog, setDialog] = useState<DialogState>(null);
  const actions = useLinkActions(model.providers);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const remove = useMutation({
    mutationFn: () => deleteModel(model.requested_model),
    onSuccess: async () => {
      toast.success(t('models.deleted'));
      await invalidateLinkViews(queryClient);
      await navigate({ to: '/models' });
    },
    onError: (err) => toast.error(errorMessage(err, t('common.unknownError'))),
  });

  function onLink(a: LinkAction, link: ModelLink) {
    if (a === 'edit') setDialog({ kind: 'edit-link', link });
    else if (a === 'pause') setDialog({ kind: 'pause', link });
    else if (a === 'resume') actions.resume(link);
    else if (a === 'enable') actions.enable(link);
    else if (a === 'disable') void actions.disable(link);
    else if (a === 'prioritize') actions.prioritize(link);
    else void actions.remove(link);
  }

  async function askDelete() {
    const ok = await confirmAction({
      title: t('models.delete'),
      message: t('models.deleteConfirm', { name: model.requested_model, n: model.providers.length }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (ok) remove.mutate();
  }

  const protocols = [...new Set(model.providers.map((l) => l.provider_protocol ?? 'openai'))];
  return (
    <div className="page">
      <div className="muted">
        <Link to="/models">← {t('models.title')}</Link>
      </div>
      <PageHeader
        title={<span className="mono">{model.requested_model}</span>}
        subtitle={model.is_active ? t('common.enabled') : t('common.disabled')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'match' })}>
              {t('match.open')}
            </button>
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'test' })}>
              {t('models.test')}
            </button>
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'edit-model' })}>
              {t('common.edit')}
            </button>
            <button type="button" className="btn btn-danger-ghost" onClick={askDelete}>
              {t('common.delete')}
            </button>
          </>
        }
      />
      <ModelInfo model={model} />
      <ModelCache model={model} />
      <section className="card">
        <div className="card-header">
          <h2>{t('links.title', { n: model.providers.length })}</h2>
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add-link' })}>
            + {t('links.add')}
          </button>
        </div>
        {model.providers.length === 0 ? (
          <div className="card-body">
            <Empty title={t('links.empty')} hint={t('links.emptyHint')} />
          </div>
        ) : (
          <LinksTable
            links={model.providers}
            showPrioritize={model.strategy === 'priority'}
            onAction={onLink}
          />
        )}
      </section>
      <ProviderCalls model={model.requested_model} />
      {dialog?.kind === 'edit-model' && <ModelFormDialog editing={model} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'match' && (
        <MatchTestDialog model={model.requested_model} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'test' && (
        <ModelTestDialog
          model={model.requested_model}
          protocols={protocols}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'add-link' && (
        <LinkFormDialog model={model.requested_model} editing={null} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'edit-link' && (
        <LinkFormDialog model={model.requested_model} editing={dialog.link} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'pause' && (
        <PauseDialog
          onClose={() => setDialog(null)}
          onPause={(until) => {
            actions.pause(dialog.link, until);
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
