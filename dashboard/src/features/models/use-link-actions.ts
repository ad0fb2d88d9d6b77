// Owns what each link action does: pause/resume and disable are PUTs, prioritize reorders, delete asks first.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { confirmAction } from '../../components/ui/confirm';
import { errorMessage } from '../../components/ui/states';
import { toast } from '../../components/ui/toast';
import { useT } from '../../lib/i18n';
import type { LinkCreate } from '../../lib/schemas';
import { deleteLink, invalidateLinkViews, updateLink } from './api';
import type { ModelLink } from './types';

export function useLinkActions(links: ModelLink[]) {
  const t = useT();
  const queryClient = useQueryClient();
  const refresh = () => invalidateLinkViews(queryClient);
  const onError = (err: unknown) => toast.error(errorMessage(err, t('common.unknownError')));

  const patch = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Partial<LinkCreate> }) => updateLink(id, body),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteLink(id),
    onSuccess: async () => {
      toast.success(t('links.deleted'));
      await refresh();
    },
    onError,
  });
  const prioritize = useMutation({
    // The chosen link first, the rest keep their order behind it: 100, 200, 300, …
    mutationFn: async (chosen: ModelLink) => {
      const order = [chosen, ...links.filter((l) => l.id !== chosen.id)];
      for (const [i, l] of order.entries()) {
        const priority = (i + 1) * 100;
        if (l.priority !== priority) await updateLink(l.id, { priority });
      }
    },
    onSuccess: async () => {
      toast.success(t('links.prioritized'));
      await refresh();
    },
    onError,
  });

  return {
    pause: (link: ModelLink, until: string) => patch.mutate({ id: link.id, body: { paused_until: until } }),
    resume: (link: ModelLink) => patch.mutate({ id: link.id, body: { paused_until: null } }),
    enable: (link: ModelLink) => patch.mutate({ id: link.id, body: { is_active: true } }),
    async disable(link: ModelLink) {
      const ok = await confirmAction({
        title: t('links.disable'),
        message: t('links.disableConfirm', {
          provider: link.provider_name ?? '',
          target: link.target_model_name,
        }),
        confirmLabel: t('links.disable'),
        danger: true,
      });
      if (ok) patch.mutate({ id: link.id, body: { is_active: false } });
    },
    prioritize: (link: ModelLink) => prioritize.mutate(link),
    async remove(link: ModelLink) {
      const ok = await confirmAction({
        title: t('links.delete'),
        message: t('links.deleteConfirm', {
          provider: link.provider_name ?? '',
          target: link.target_model_name,
        }),
        confirmLabel: t('common.delete'),
        danger: true,
      });
      if (ok) remove.mutate(link.id);
    },
  };
}
